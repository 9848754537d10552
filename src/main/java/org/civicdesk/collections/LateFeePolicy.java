package org.civicdesk.collections;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * The late fee of one bill: a share of the past-due amount still unpaid some days after the due date, at
 * least the minimum, none under the floor, once per bill.
 */
public final class LateFeePolicy {

    /**
     * @param dueDate       the bill's due date (moved by an extension, if any)
     * @param pastDueUnpaid what was still past due on the assessment day
     * @param alreadyCharged whether a late fee was already charged for this bill
     */
    public record Facts(long billId, LocalDate dueDate, Money pastDueUnpaid, boolean alreadyCharged, LocalDate today) {
    }

    private final CollectionsRules rules;

    public LateFeePolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    /** The day the fee is assessed: the grace days after the due date. */
    public LocalDate assessmentDate(LocalDate dueDate) {
        return dueDate.plusDays(rules.lateFeeGraceDays());
    }

    public Decision assess(Facts facts) {
        List<String> reasons = new ArrayList<>();
        if (facts.alreadyCharged()) {
            reasons.add("A late fee was already charged for bill " + facts.billId() + "; it is charged once per bill.");
            return Decision.amount(Money.ZERO, reasons);
        }
        LocalDate on = assessmentDate(facts.dueDate());
        if (facts.today().isBefore(on)) {
            reasons.add("Bill " + facts.billId() + " is due " + facts.dueDate() + "; a late fee is assessed " + rules.lateFeeGraceDays()
                    + " days later, on " + on + ".");
            return Decision.amount(Money.ZERO, reasons);
        }
        Money pastDue = facts.pastDueUnpaid();
        if (pastDue.compareTo(rules.lateFeeFloor()) < 0) {
            reasons.add("Past due on " + on + ": " + pastDue.formatted() + ", under " + rules.lateFeeFloor().formatted()
                    + ": no late fee.");
            return Decision.amount(Money.ZERO, reasons);
        }
        Money computed = Money.round(pastDue.amount().multiply(rules.lateFeeRate()));
        String rate = rules.lateFeeRate().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        reasons.add("Past due on " + on + " (" + rules.lateFeeGraceDays() + " days after the due date " + facts.dueDate()
                + "): " + pastDue.formatted() + ".");
        if (computed.compareTo(rules.lateFeeMinimum()) < 0) {
            reasons.add(rate + " of it is " + computed.formatted() + ", under the minimum: " + rules.lateFeeMinimum().formatted() + ".");
            return Decision.amount(rules.lateFeeMinimum(), reasons);
        }
        reasons.add(rate + " of it: " + computed.formatted() + ".");
        return Decision.amount(computed, reasons);
    }
}
