package org.civicdesk.collections;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a deposit is required at the start of service. Residential: not when the customer had enough
 * months of service in the window without a late or returned payment, brings a letter of good credit from
 * another utility, or passes a credit check. Commercial and multi-unit: always, unless a surety bond replaces
 * the cash deposit (history, letters and credit checks do not waive it).
 */
public final class DepositRequirementPolicy {

    /** The result of a credit check: entered by staff or returned by a credit-check provider. */
    public enum CreditCheck { NOT_RUN, PASSED, FAILED }

    /**
     * What the decision looks at.
     *
     * @param monthsOfService months with the city inside the rules' window
     * @param latePayments    late payments in that window
     * @param returnedPayments returned payments in that window
     */
    public record Facts(String accountClass, int monthsOfService, int latePayments, int returnedPayments,
            boolean letterOfGoodCredit, CreditCheck creditCheck, boolean suretyBond) {
    }

    private final CollectionsRules rules;

    public DepositRequirementPolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    public Decision decide(Facts facts) {
        List<String> reasons = new ArrayList<>();
        if ("COMMERCIAL".equals(facts.accountClass())) {
            if (facts.suretyBond()) {
                reasons.add("Commercial account: a surety bond on file replaces the cash deposit.");
                return Decision.no(reasons);
            }
            reasons.add("Commercial account: a deposit is required unless a surety bond replaces it.");
            reasons.add("No surety bond on file.");
            return Decision.yes(reasons);
        }
        boolean goodHistory = facts.monthsOfService() >= rules.depositGoodMonths() && facts.latePayments() == 0
                && facts.returnedPayments() == 0;
        reasons.add("History with the city: " + facts.monthsOfService() + " months of service in the last "
                + rules.depositHistoryWindowMonths() + " (" + rules.depositGoodMonths() + " needed), "
                + facts.latePayments() + " late and " + facts.returnedPayments() + " returned payments"
                + (goodHistory ? ": good history." : ": not enough to waive the deposit."));
        reasons.add(facts.letterOfGoodCredit() ? "Letter of good credit from another utility: on file."
                : "Letter of good credit from another utility: none.");
        reasons.add(switch (facts.creditCheck()) {
            case PASSED -> "Credit check: passed.";
            case FAILED -> "Credit check: failed.";
            case NOT_RUN -> "Credit check: not run.";
        });
        if (goodHistory || facts.letterOfGoodCredit() || facts.creditCheck() == CreditCheck.PASSED) {
            reasons.add("No deposit required.");
            return Decision.no(reasons);
        }
        reasons.add("Deposit required: none of the three waives it.");
        return Decision.yes(reasons);
    }
}
