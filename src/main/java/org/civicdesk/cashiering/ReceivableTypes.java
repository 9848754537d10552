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
    }

    /**
     * What a reference stands for.
     *
     * @param cashOnly the account takes certified funds only (checks and ACH refused), with the reason
     */
    record TargetDetails(String reference, String name, boolean cashOnly, String cashOnlyReason, boolean closed) {
    }
}
