package org.civicdesk.cashiering;

import java.util.List;
import java.util.Optional;

/**
 * The kinds of receivable a cashier can take money for. Modules register theirs at start-up (utility
 * accounts by billing/customer, cemetery contracts, tax accounts, licences); cashiering brings
 * miscellaneous receipts with revenue codes.
 */
public interface ReceivableTypes {

    void register(PaymentTargetKind kind);

    List<PaymentTargetKind> all();

    Optional<PaymentTargetKind> find(String receivableType);

    /**
     * A kind of receivable: how to find and describe a reference and which fund and receivable it posts to.
     */
    interface PaymentTargetKind {

        /** The ledger receivable type, e.g. utility-account. */
        String receivableType();

        String label();

        /** A clear refusal (BusinessRuleViolation naming field reference) when the reference is unknown. */
        TargetDetails resolve(String reference);

        /**
         * Where a payment to this kind goes when it is not a receivable but revenue received at once (a
         * miscellaneous receipt); empty for receivables, which are paid oldest first.
         */
        default java.util.Optional<RevenueAccount> revenueAccount(String reference) {
            return java.util.Optional.empty();
        }

        /** Many references at once (a lockbox batch); override when the owner can answer in one query. */
        default java.util.Map<String, TargetDetails> resolveAll(java.util.Collection<String> references) {
            java.util.Map<String, TargetDetails> found = new java.util.LinkedHashMap<>();
            for (String reference : references) {
                found.put(reference, resolve(reference));
            }
            return found;
        }
    }

    /** A revenue account of a fund, e.g. GENERAL 4030 miscellaneous receipts. */
    record RevenueAccount(String fund, String account, String description) {
    }

    /**
     * What a reference stands for.
     *
     * @param cashOnly the account takes certified funds only (checks and ACH refused), with the reason
     */
    record TargetDetails(String reference, String name, boolean cashOnly, String cashOnlyReason, boolean closed) {
    }
}
