package org.civicdesk.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /** Message keys of the findings (the portal's bundles say them in English and Spanish). */
    public static final String NOTHING_PAST_DUE = "collections.arrangement.nothing-past-due";
    public static final String ALREADY_CURRENT = "collections.arrangement.already-current";
    public static final String TOO_MANY = "collections.arrangement.too-many";
    public static final String TOO_MANY_BROKEN = "collections.arrangement.too-many-broken";
    public static final String BUDGET_BILLING = "collections.arrangement.budget-billing";
    public static final String FINAL_BILL = "collections.arrangement.final-bill";
    public static final String PAYMENT_RETURNED = "collections.arrangement.payment-returned";
    public static final String MONTHS_OUT_OF_RANGE = "collections.arrangement.months-out-of-range";
    public static final String NOT_ELIGIBLE = "collections.arrangement.not-eligible";
    public static final String HISTORY_CLEAR = "collections.arrangement.history-clear";
    public static final String ELIGIBLE = "collections.arrangement.eligible";
    public static final String ELIGIBLE_INSTALLMENTS = "collections.arrangement.eligible-installments";

    /** Every key this policy gives, for the bundles' completeness test. */
    public static final Set<String> KEYS = Set.of(NOTHING_PAST_DUE, ALREADY_CURRENT, TOO_MANY,
            TOO_MANY_BROKEN, BUDGET_BILLING, FINAL_BILL, PAYMENT_RETURNED, MONTHS_OUT_OF_RANGE, NOT_ELIGIBLE,
            HISTORY_CLEAR, ELIGIBLE, ELIGIBLE_INSTALLMENTS);

    /** The English lines and their keyed twins, written together so that they cannot drift apart. */
    private static final class Findings {
        final List<String> lines = new ArrayList<>();
        final List<Decision.Reason> keyed = new ArrayList<>();

        void add(String line, String key, Object... args) {
            lines.add(line);
            keyed.add(Decision.Reason.of(key, args));
        }
    }

    public Decision decide(Facts f) {
        Findings refusals = new Findings();
        if (!f.pastDue().isPositive()) {
            refusals.add("Nothing is past due: there is nothing to arrange.", NOTHING_PAST_DUE);
        }
        if (f.arrangementCurrent()) {
            refusals.add("An arrangement is already current.", ALREADY_CURRENT);
        }
        if (f.arrangementsLast12Months() >= rules.arrangementLimitPerYear()) {
            refusals.add(f.arrangementsLast12Months() + " arrangements in the last 12 months (the limit is "
                    + (rules.arrangementLimitPerYear() - 1) + ").", TOO_MANY, f.arrangementsLast12Months(),
                    rules.arrangementLimitPerYear() - 1);
        }
        if (f.brokenLast12Months() >= rules.arrangementBrokenLimit()) {
            refusals.add(f.brokenLast12Months() + " broken arrangements in the last 12 months (" + rules.arrangementBrokenLimit()
                    + " or more make an account ineligible).", TOO_MANY_BROKEN, f.brokenLast12Months(),
                    rules.arrangementBrokenLimit());
        }
        if (f.budgetBilling()) {
            refusals.add("The account is on budget billing.", BUDGET_BILLING);
        }
        if (f.finalBill()) {
            refusals.add("The account has a final bill.", FINAL_BILL);
        }
        if (f.lastPaymentReturned()) {
            refusals.add("The last payment was returned.", PAYMENT_RETURNED);
        }
        Integer months = f.requestedMonths();
        if (months != null && (months < 1 || months > rules.arrangementMaxMonths())) {
            refusals.add("An arrangement runs 1 to " + rules.arrangementMaxMonths() + " months; " + months + " asked.",
                    MONTHS_OUT_OF_RANGE, rules.arrangementMaxMonths(), months);
        }
        if (!refusals.lines.isEmpty()) {
            refusals.add("Not eligible for a payment arrangement.", NOT_ELIGIBLE);
            return Decision.no(refusals.lines, refusals.keyed);
        }
        Findings reasons = new Findings();
        reasons.add(f.arrangementsLast12Months() + " arrangements and " + f.brokenLast12Months()
                + " broken in the last 12 months; no budget billing, no final bill, last payment not returned.",
                HISTORY_CLEAR, f.arrangementsLast12Months(), f.brokenLast12Months());
        if (months == null) {
            reasons.add("Eligible: " + f.pastDue().formatted() + " past due may be spread over up to "
                    + rules.arrangementMaxMonths() + " monthly installments.", ELIGIBLE, f.pastDue(),
                    rules.arrangementMaxMonths());
            return Decision.yes(reasons.lines, reasons.keyed);
        }
        Money installment = DepositAmountPolicy.split(f.pastDue(), months).get(0);
        reasons.add("Eligible: " + f.pastDue().formatted() + " in " + months + " monthly installments of about "
                + installment.formatted() + ", added to current charges.", ELIGIBLE_INSTALLMENTS, f.pastDue(), months,
                installment);
        return new Decision(true, installment, reasons.lines, reasons.keyed);
    }
}
