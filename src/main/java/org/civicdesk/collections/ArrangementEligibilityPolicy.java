package org.civicdesk.collections;

import java.util.ArrayList;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * Whether an account may spread its past due over a payment arrangement, and the monthly installment: at
 * most the rules' months; not with the rules' number of arrangements or of broken ones in the last 12
 * months, on budget billing, with a final bill, or when the last payment was returned.
 */
public final class ArrangementEligibilityPolicy {

    /**
     * @param requestedMonths the months asked for, or null to ask only whether the account is eligible
     */
    public record Facts(Money pastDue, int arrangementsLast12Months, int brokenLast12Months, boolean budgetBilling,
            boolean finalBill, boolean lastPaymentReturned, boolean arrangementCurrent, Integer requestedMonths) {
    }

    private final CollectionsRules rules;

    public ArrangementEligibilityPolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    public Decision decide(Facts f) {
        List<String> refusals = new ArrayList<>();
        if (!f.pastDue().isPositive()) {
            refusals.add("Nothing is past due: there is nothing to arrange.");
        }
        if (f.arrangementCurrent()) {
            refusals.add("An arrangement is already current.");
        }
        if (f.arrangementsLast12Months() >= rules.arrangementLimitPerYear()) {
            refusals.add(f.arrangementsLast12Months() + " arrangements in the last 12 months (the limit is "
                    + (rules.arrangementLimitPerYear() - 1) + ").");
        }
        if (f.brokenLast12Months() >= rules.arrangementBrokenLimit()) {
            refusals.add(f.brokenLast12Months() + " broken arrangements in the last 12 months (" + rules.arrangementBrokenLimit()
                    + " or more make an account ineligible).");
        }
        if (f.budgetBilling()) {
            refusals.add("The account is on budget billing.");
        }
        if (f.finalBill()) {
            refusals.add("The account has a final bill.");
        }
        if (f.lastPaymentReturned()) {
            refusals.add("The last payment was returned.");
        }
        Integer months = f.requestedMonths();
        if (months != null && (months < 1 || months > rules.arrangementMaxMonths())) {
            refusals.add("An arrangement runs 1 to " + rules.arrangementMaxMonths() + " months; " + months + " asked.");
        }
        if (!refusals.isEmpty()) {
            List<String> reasons = new ArrayList<>(refusals);
            reasons.add("Not eligible for a payment arrangement.");
            return Decision.no(reasons);
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(f.arrangementsLast12Months() + " arrangements and " + f.brokenLast12Months()
                + " broken in the last 12 months; no budget billing, no final bill, last payment not returned.");
        if (months == null) {
            reasons.add("Eligible: " + f.pastDue().formatted() + " past due may be spread over up to "
                    + rules.arrangementMaxMonths() + " monthly installments.");
            return Decision.yes(reasons);
        }
        Money installment = DepositAmountPolicy.split(f.pastDue(), months).get(0);
        reasons.add("Eligible: " + f.pastDue().formatted() + " in " + months + " monthly installments of about "
                + installment.formatted() + ", added to current charges.");
        return new Decision(true, installment, reasons);
    }
}
