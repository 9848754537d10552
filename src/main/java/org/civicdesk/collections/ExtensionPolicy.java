package org.civicdesk.collections;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A time extension: one bill's due date moved later by at most the rules' days, once per bill. */
public final class ExtensionPolicy {

    /**
     * @param billCancelled    the bill was cancelled or rebilled
     * @param alreadyExtended  the bill's due date was already moved once
     */
    public record Facts(long billId, LocalDate dueDate, boolean billCancelled, boolean alreadyExtended,
            LocalDate requestedDueDate, LocalDate today) {
    }

    private final CollectionsRules rules;

    public ExtensionPolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    /** Message keys of the findings (the portal's bundles say them in English and Spanish). */
    public static final String BILL_CANCELLED = "collections.extension.bill-cancelled";
    public static final String ALREADY_EXTENDED = "collections.extension.already-extended";
    public static final String DATE_MISSING = "collections.extension.date-missing";
    public static final String NOT_LATER = "collections.extension.not-later";
    public static final String TOO_LONG = "collections.extension.too-long";
    public static final String DATE_PASSED = "collections.extension.date-passed";
    public static final String MOVES = "collections.extension.moves";

    /** Every key this policy gives, for the bundles' completeness test. */
    public static final Set<String> KEYS = Set.of(BILL_CANCELLED, ALREADY_EXTENDED, DATE_MISSING, NOT_LATER, TOO_LONG,
            DATE_PASSED, MOVES);

    public Decision decide(Facts f) {
        List<String> refusals = new ArrayList<>();
        List<Decision.Reason> keyed = new ArrayList<>();
        if (f.billCancelled()) {
            refusals.add("Bill " + f.billId() + " was cancelled; extend the bill that stands.");
            keyed.add(Decision.Reason.of(BILL_CANCELLED, f.billId()));
        }
        if (f.alreadyExtended()) {
            refusals.add("Bill " + f.billId() + " was already extended once.");
            keyed.add(Decision.Reason.of(ALREADY_EXTENDED, f.billId()));
        }
        if (f.requestedDueDate() == null) {
            refusals.add("Give the new due date.");
            keyed.add(Decision.Reason.of(DATE_MISSING));
        } else {
            long days = ChronoUnit.DAYS.between(f.dueDate(), f.requestedDueDate());
            LocalDate latest = f.dueDate().plusDays(rules.extensionMaxDays());
            if (days <= 0) {
                refusals.add("The new due date must be after the current one, " + f.dueDate() + ".");
                keyed.add(Decision.Reason.of(NOT_LATER, f.dueDate()));
            } else if (days > rules.extensionMaxDays()) {
                refusals.add("An extension moves a due date by at most " + rules.extensionMaxDays() + " days; "
                        + f.requestedDueDate() + " is " + days + " days after " + f.dueDate() + " (latest "
                        + latest + ").");
                keyed.add(Decision.Reason.of(TOO_LONG, rules.extensionMaxDays(), f.requestedDueDate(), days, f.dueDate(),
                        latest));
            } else if (f.requestedDueDate().isBefore(f.today())) {
                refusals.add("The new due date " + f.requestedDueDate() + " has already passed.");
                keyed.add(Decision.Reason.of(DATE_PASSED, f.requestedDueDate()));
            }
        }
        if (!refusals.isEmpty()) {
            return Decision.no(refusals, keyed);
        }
        long days = ChronoUnit.DAYS.between(f.dueDate(), f.requestedDueDate());
        return Decision.yes(List.of("Bill " + f.billId() + " due " + f.dueDate() + " moves " + days + " days to "
                + f.requestedDueDate() + " (at most " + rules.extensionMaxDays() + ", once per bill)."),
                List.of(Decision.Reason.of(MOVES, f.billId(), f.dueDate(), days, f.requestedDueDate(),
                        rules.extensionMaxDays())));
    }
}
