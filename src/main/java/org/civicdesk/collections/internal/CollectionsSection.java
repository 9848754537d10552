package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.collections.CollectionSchedulePolicy;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.Money;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Collections section of the account screen (order 110): the deposit (why required, how computed), the
 * arrangement eligibility with its reasons and the form to create one, the extension form, protections and
 * why the account will or will not be disconnected today.
 */
@Component
class CollectionsSection implements AccountScreenSection {

    /** What templates/collections/section.html shows. */
    public record Data(String accountNumber, LocalDate today, boolean canManage, Deposits.Deposit deposit,
            Deposits.Assessment depositAssessment, Decision arrangementEligibility, int arrangementMaxMonths,
            List<Arrangements.Arrangement> arrangements, List<BillSummary> extendableBills, int extensionMaxDays,
            List<Extensions.Extension> extensions, List<Protections.Protection> protections, boolean heatDay,
            DisconnectEligibilityPolicy.Answer disconnect, List<Map<String, Object>> lateFees,
            // ---- the collection schedule (history and next step)
            ScheduleView schedule) {
    }

    /**
     * The collection schedule on the account: steps taken, passed over, held, cancelled or resumed with their
     * reasons, newest first, and the next step of the current cycle with its first day.
     *
     * @param cycleDueDate the oldest unpaid due date the days are counted from, or null when nothing is past due
     * @param next         the next step, or null
     */
    public record ScheduleView(Money pastDue, LocalDate cycleDueDate, Long daysPastDue,
            CollectionSchedulePolicy.Next next, List<CollectionSchedule.Event> history, Map<String, String> titles) {
    }

    private final CollectionsView view;

    CollectionsSection(CollectionsView view) {
        this.view = view;
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public String template() {
        return "collections/section";
    }

    @Override
    public String selector() {
        return "collections";
    }

    @Override
    public Object data(long accountId) {
        if (!CurrentStaff.has(Permission.COLLECTIONS_VIEW)) {
            return null;
        }
        return view.of(accountId);
    }

    /** Builds the section's data in one read-only transaction. */
    @Component
    static class CollectionsView {

        private final AccountFacts facts;
        private final RulesBook rules;
        private final Deposits deposits;
        private final Arrangements arrangements;
        private final Extensions extensions;
        private final Protections protections;
        private final LateFees lateFees;
        private final Bills bills;
        private final Clock clock;
        private final CollectionSchedule schedule;

        CollectionsView(AccountFacts facts, RulesBook rules, Deposits deposits, Arrangements arrangements,
                Extensions extensions, Protections protections, LateFees lateFees, Bills bills, Clock clock,
                CollectionSchedule schedule) {
            this.schedule = schedule;
            this.facts = facts;
            this.rules = rules;
            this.deposits = deposits;
            this.arrangements = arrangements;
            this.extensions = extensions;
            this.protections = protections;
            this.lateFees = lateFees;
            this.bills = bills;
            this.clock = clock;
        }

        @Transactional(readOnly = true)
        public Data of(long accountId) {
            LocalDate today = LocalDate.now(clock);
            CollectionsRules r = rules.on(today);
            AccountNumber number = facts.numberOf(accountId);
            AccountFacts.Standing s = facts.of(number, today);
            Deposits.Deposit deposit = deposits.deposit(accountId);
            Deposits.Assessment assessment = deposit == null ? deposits.assess(number, Deposits.Waivers.NONE) : null;
            List<BillSummary> extendable = bills.ofAccountId(accountId, 3).stream().filter(b -> !b.cancelled())
                    .filter(b -> !b.dueDate().plusDays(r.extensionMaxDays()).isBefore(today)).toList();
            return new Data(number.value(), today, CurrentStaff.has(Permission.COLLECTIONS_MANAGE), deposit, assessment,
                    Arrangements.eligibility(s, r, null), r.arrangementMaxMonths(), arrangements.ofAccount(accountId),
                    extendable, r.extensionMaxDays(), extensions.ofAccount(accountId), protections.ofAccount(accountId),
                    s.heatDay(), disconnect(s, r), lateFees.ofAccount(number.value(), 5), schedule(accountId, number, today));
        }

        /** The schedule block: what the job did and what comes next. */
        ScheduleView schedule(long accountId, AccountNumber number, LocalDate today) {
            CollectionSchedulePolicy policy = schedule.policy(today);
            Map<String, String> titles = new java.util.LinkedHashMap<>();
            policy.steps().forEach(st -> titles.put(st.code(), st.title()));
            titles.put("RECONNECT", "Reconnect");
            List<CollectionSchedule.Event> history = schedule.history(accountId, 30);
            CollectionSchedule.Candidate c = schedule.standing(number.value(), today);
            if (c == null) {
                return new ScheduleView(Money.ZERO, null, null, null, history, titles);
            }
            return new ScheduleView(c.pastDue(), c.cycleDueDate(),
                    java.time.temporal.ChronoUnit.DAYS.between(c.cycleDueDate(), today),
                    policy.next(c.cycleDueDate(), c.stepsDone()), history, titles);
        }

        static DisconnectEligibilityPolicy.Answer disconnect(AccountFacts.Standing s, CollectionsRules r) {
            return new DisconnectEligibilityPolicy(r).decide(new DisconnectEligibilityPolicy.Facts(s.today(),
                    s.account().accountClass(), s.services(), s.pastDue(), s.disputed(), s.heatDay(),
                    s.currentArrangementId() != null, s.medicalCertificateOn(), s.bankruptcy()));
        }
    }
}
