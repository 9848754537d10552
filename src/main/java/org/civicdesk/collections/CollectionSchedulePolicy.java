package org.civicdesk.collections;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.civicdesk.platform.Money;

/**
 * Which step of the collection schedule an account takes today, and why. Days past due count from the oldest
 * unpaid due date (the cycle). The step due is the latest whose day has come; earlier steps not yet taken are
 * passed over (a missed day caught up sends one notice, not two). Notices need something collectible: no
 * bankruptcy, no current arrangement, a past due beyond any disputed amount. The door hanger announces a
 * disconnect for its notice days later, so it is hung only when the disconnect policy allows one on that day;
 * the disconnect comes only after a door hanger of the cycle and its notice days, when the disconnect policy
 * allows it today.
 */
public final class CollectionSchedulePolicy {

    public static final String REMINDER = "REMINDER";
    public static final String FINAL_NOTICE = "FINAL_NOTICE";
    public static final String DOOR_HANGER = "DOOR_HANGER";
    public static final String DISCONNECT = "DISCONNECT";

    /** One configured step (table collections_schedule_step). */
    public record Step(String code, int daysPastDue, String letterTemplate, String fieldOrderType, int noticeDays,
            String title) {
    }

    /** What the account has done in this cycle: step code to the business date it was taken or passed over. */
    public record Facts(LocalDate today, LocalDate cycleDueDate, Money pastDue, Money disputed, boolean bankruptcy,
            boolean arrangementCurrent, Map<String, LocalDate> stepsDone,
            DisconnectEligibilityPolicy.Facts disconnectToday, DisconnectEligibilityPolicy.Facts disconnectAtNoticeEnd) {

        public long daysPastDue() {
            return ChronoUnit.DAYS.between(cycleDueDate, today);
        }
    }

    public enum Outcome {
        /** Take the step now (send its letter, create its order). */
        TAKE,
        /** The step is due but a policy holds it today. */
        HOLD,
        /** Nothing due today (not yet, already taken, or waiting for the notice to run out). */
        NONE
    }

    /**
     * @param step       the step taken or held (null when nothing is due)
     * @param passedOver earlier steps of the cycle not taken, recorded as skipped when the step is taken
     * @param services   for a disconnect, the services that may be cut today
     */
    public record Plan(Outcome outcome, Step step, List<Step> passedOver, List<String> reasons, List<String> services) {

        public Plan {
            passedOver = List.copyOf(passedOver);
            reasons = List.copyOf(reasons);
            services = List.copyOf(services);
        }

        static Plan none(String reason) {
            return new Plan(Outcome.NONE, null, List.of(), List.of(reason), List.of());
        }
    }

    /** The next step of a cycle and the first day it may be taken. */
    public record Next(Step step, LocalDate on) {
    }

    private final CollectionsRules rules;
    private final List<Step> steps;

    public CollectionSchedulePolicy(CollectionsRules rules, List<Step> steps) {
        this.rules = rules;
        this.steps = steps.stream().sorted(Comparator.comparingInt(Step::daysPastDue)).toList();
    }

    public List<Step> steps() {
        return steps;
    }

    public Step step(String code) {
        return steps.stream().filter(s -> s.code().equals(code)).findFirst().orElse(null);
    }

    public Plan decide(Facts f) {
        long days = f.daysPastDue();
        Step due = null;
        for (Step s : steps) {
            if (s.daysPastDue() <= days) {
                due = s;
            }
        }
        if (due == null) {
            return Plan.none(days + " days past due: no step before day " + steps.get(0).daysPastDue() + ".");
        }
        if (f.stepsDone().containsKey(due.code())) {
            return Plan.none(due.title() + " already taken on " + f.stepsDone().get(due.code()) + ".");
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(f.pastDue().formatted() + " past due since " + f.cycleDueDate() + ": day " + days + " of the schedule.");
        Step doorHanger = step(DOOR_HANGER);
        if (DISCONNECT.equals(due.code()) && doorHanger != null) {
            LocalDate hung = f.stepsDone().get(DOOR_HANGER);
            if (hung == null) {
                // no disconnect without the 48-hour notice: the notice is the step due
                reasons.add("No 48-hour notice yet in this cycle: the door hanger comes first.");
                due = doorHanger;
            } else if (hung.plusDays(step(DISCONNECT).noticeDays()).isAfter(f.today())) {
                return Plan.none("Door hanger of " + hung + ": the disconnect may follow from "
                        + hung.plusDays(step(DISCONNECT).noticeDays()) + ".");
            }
        }
        List<Step> passedOver = new ArrayList<>();
        for (Step s : steps) {
            if (s.daysPastDue() < due.daysPastDue() && !f.stepsDone().containsKey(s.code())) {
                passedOver.add(s);
            }
        }
        boolean fieldStep = due.fieldOrderType() != null;
        if (!fieldStep) {
            Money disputed = f.disputed() == null ? Money.ZERO : f.disputed();
            boolean held = false;
            if (f.bankruptcy()) {
                reasons.add("Bankruptcy on file: collection is stopped.");
                held = true;
            }
            if (f.arrangementCurrent()) {
                reasons.add("A payment arrangement is current.");
                held = true;
            }
            if (disputed.isPositive()) {
                Money collectible = f.pastDue().minus(disputed);
                reasons.add("Open billing dispute on " + disputed.formatted() + ": "
                        + (collectible.isPositive() ? collectible.formatted() + " outside it." : "nothing outside it."));
                held |= !collectible.isPositive();
            }
            if (held) {
                reasons.add(due.title() + " held today.");
                return new Plan(Outcome.HOLD, due, List.of(), reasons, List.of());
            }
            reasons.add(due.title() + ".");
            return new Plan(Outcome.TAKE, due, passedOver, reasons, List.of());
        }
        DisconnectEligibilityPolicy policy = new DisconnectEligibilityPolicy(rules);
        if (DOOR_HANGER.equals(due.code())) {
            Step disconnect = step(DISCONNECT);
            int notice = disconnect == null ? 0 : disconnect.noticeDays();
            DisconnectEligibilityPolicy.Answer then = policy.decide(f.disconnectAtNoticeEnd());
            reasons.add("The 48-hour notice announces a disconnect on " + f.today().plusDays(notice) + ":");
            reasons.addAll(then.decision().reasons());
            if (!then.decision().granted()) {
                reasons.add(due.title() + " held today.");
                return heldOrLetter(f, due, passedOver, reasons);
            }
            reasons.add(due.title() + ".");
            return new Plan(Outcome.TAKE, due, passedOver, reasons, then.services());
        }
        DisconnectEligibilityPolicy.Answer now = policy.decide(f.disconnectToday());
        reasons.addAll(now.decision().reasons());
        if (!now.decision().granted()) {
            reasons.add(due.title() + " held today.");
            return heldOrLetter(f, due, passedOver, reasons);
        }
        reasons.add(due.title() + ": " + String.join(", ", now.services()) + ".");
        return new Plan(Outcome.TAKE, due, passedOver, reasons, now.services());
    }

    /**
     * A field step held by a policy does not hold the notices before it: the latest notice not yet sent goes
     * out (those before it passed over), with the reasons of the hold; with none left the field step is held.
     */
    private Plan heldOrLetter(Facts f, Step held, List<Step> passedOver, List<String> reasons) {
        Step letter = null;
        for (Step s : passedOver) {
            if (s.fieldOrderType() == null && s.letterTemplate() != null) {
                letter = s;
            }
        }
        boolean lettersBlocked = f.bankruptcy() || f.arrangementCurrent()
                || !f.pastDue().minus(f.disputed() == null ? Money.ZERO : f.disputed()).isPositive();
        if (letter == null || lettersBlocked) {
            return new Plan(Outcome.HOLD, held, List.of(), reasons, List.of());
        }
        Step chosen = letter;
        List<Step> before = passedOver.stream().filter(s -> s.daysPastDue() < chosen.daysPastDue()).toList();
        List<String> why = new ArrayList<>(reasons);
        why.add("Meanwhile the notice not yet sent goes out: " + chosen.title() + ".");
        return new Plan(Outcome.TAKE, chosen, before, why, List.of());
    }

    /** The next step after those done in the cycle and the first day it may come, or null after the last. */
    public Next next(LocalDate cycleDueDate, Map<String, LocalDate> stepsDone) {
        for (Step s : steps) {
            if (stepsDone.containsKey(s.code())) {
                continue;
            }
            LocalDate on = cycleDueDate.plusDays(s.daysPastDue());
            if (DISCONNECT.equals(s.code()) && stepsDone.containsKey(DOOR_HANGER)) {
                LocalDate afterNotice = stepsDone.get(DOOR_HANGER).plusDays(s.noticeDays());
                on = afterNotice.isAfter(on) ? afterNotice : on;
            }
            return new Next(s, on);
        }
        return null;
    }
}
