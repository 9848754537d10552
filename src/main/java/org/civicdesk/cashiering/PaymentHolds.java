package org.civicdesk.cashiering;

/**
 * Whether a payment to a closed utility account is still taken for the account (applied to what it owes, any
 * rest kept as its credit) instead of being held for a refund: collections answers yes while a closed account
 * still owes its final bill or was written off, so that the payment pays the bill or becomes a recovery.
 * Without an implementation, every payment to a closed account is held for a refund.
 */
public interface PaymentHolds {

    boolean keepsPaymentsFor(String accountNumber);

    /** The accounts among these that keep their payments; a batch asks once (an implementation may do it in a few queries). */
    default java.util.Set<String> keepingPaymentsFor(java.util.Collection<String> accountNumbers) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (String n : accountNumbers) {
            if (keepsPaymentsFor(n)) {
                kept.add(n);
            }
        }
        return kept;
    }
}
