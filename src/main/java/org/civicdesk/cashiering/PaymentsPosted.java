package org.civicdesk.cashiering;

import java.util.List;

/**
 * Many payments were posted in one transaction (a lockbox chunk, an autopay file, the demo's mail): one event
 * for the batch instead of one {@link PaymentPosted} each, so that the event publication registry writes one
 * row per listener for the batch, not one per payment. A single payment still publishes {@link PaymentPosted}.
 * Listeners handle each of {@link #payments()} as they handle a PaymentPosted.
 */
public record PaymentsPosted(List<PaymentPosted> payments) {

    public PaymentsPosted {
        payments = List.copyOf(payments);
    }
}
