package org.civicdesk.cashiering;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * A payment was posted (not published again for a replay). Collections listens: a payment may bring the
 * past-due amount under the disconnect threshold. Payments posted together in one batch come as one
 * {@link PaymentsPosted} instead.
 *
 * @param targets what it paid, e.g. utility-account with the account number
 */
public record PaymentPosted(long paymentId, LocalDate businessDate, TenderSource source, Money amount,
        List<PaymentTarget> targets, long ledgerEntryId) {

    public PaymentPosted {
        targets = List.copyOf(targets);
    }
}
