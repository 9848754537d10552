package org.civicdesk.cashiering;

import java.util.List;

/**
 * Posting payments and taking them back. Every payment is one balanced ledger entry (cash by tender source
 * against the receivables it pays, oldest first; an overpayment becomes an unapplied credit).
 */
public interface Payments {

    /** One payment (counter, portal, phone): all or nothing. */
    PostedPayment post(NewPayment payment);

    /** Many payments in one transaction and a few statements (a lockbox batch, an autopay file). */
    List<PostedPayment> postAll(List<NewPayment> payments);

    /**
     * Returns a payment (returned check, ACH return): reverses its entry (never deletes it), charges the NSF
     * fee, writes the letter and applies the cash-only rule. Idempotent per payment.
     *
     * @param returnCode e.g. R01, or CHECK for a returned check
     */
    PostedPayment returnPayment(long paymentId, String returnCode, String reason);
}
