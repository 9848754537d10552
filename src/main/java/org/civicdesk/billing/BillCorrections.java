package org.civicdesk.billing;

/**
 * Corrections that never edit a bill: a cancellation reverses what the bill posted (its own ledger entry, or its
 * share of its bill run chunk's entry); a rebill is a new bill for the same services and periods (from the same
 * reads unless corrected), rated with the current book.
 */
public interface BillCorrections {

    /** Cancels an issued bill (reversal of what it posted, recorded in bill_cancellation). A bill is cancelled once. */
    void cancel(long billId, String reason);

    /** Cancels the bill and issues its replacement in one transaction; returns the new bill's id. */
    long cancelAndRebill(long billId, String reason);
}
