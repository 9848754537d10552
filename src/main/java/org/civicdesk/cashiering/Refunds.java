package org.civicdesk.cashiering;

import org.civicdesk.platform.Money;

/**
 * Refunds of money the city holds for a customer, through the refund workflow (a second person approves, the
 * refund leaves unapplied credits for the bank, accounts payable pays it). Other modules ask for one when they
 * have moved the money into unapplied credits themselves, e.g. a deposit's rest after the final bill.
 */
public interface Refunds {

    /**
     * Files a refund request (status REQUESTED, no payment). The amount must already sit in the fund's
     * unapplied credits (2200), moved there in the caller's transaction, which this call joins; the caller
     * keeps it to once (e.g. one row per deposit released).
     *
     * @return the refund's id
     */
    long request(String receivableType, String reference, String payeeName, String fund, Money amount,
            String reason);
}
