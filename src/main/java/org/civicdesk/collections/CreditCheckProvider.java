package org.civicdesk.collections;

import java.util.List;

/**
 * A credit-check provider (a bureau or another utility's service) asked at the start of service whether the
 * applicant's credit waives the residential deposit. CivicDesk ships only a local demo provider; a city plugs in
 * its bureau by providing a bean of this type.
 */
public interface CreditCheckProvider {

    /** Who is checked. */
    record Applicant(String accountNumber, String customerName, String accountClass) {
    }

    /**
     * The provider's answer.
     *
     * @param reference the provider's reference for the inquiry, kept with the result
     */
    record Result(DepositRequirementPolicy.CreditCheck result, String reference, List<String> reasons) {

        public Result {
            reasons = List.copyOf(reasons);
        }
    }

    /** The provider's name as staff see it. */
    String name();

    Result check(Applicant applicant);
}
