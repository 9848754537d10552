package org.civicdesk.cashiering;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/** An account's payments as collections needs them: when, how much, and whether the bank returned them. */
public interface PaymentHistory {

    /**
     * A payment to a utility account.
     *
     * @param returnedOn the business date of its return, or null; voided and reversed payments are left out
     */
    record AccountPayment(long paymentId, LocalDate businessDate, Money amount, LocalDate returnedOn) {

        public boolean returned() {
            return returnedOn != null;
        }
    }

    /** The account's payments dated on or after the date, newest first. */
    List<AccountPayment> ofAccount(String accountNumber, LocalDate since);

    /**
     * Of these accounts, those with a payment returned (by the bank, not voided) on or after the date: one query
     * for a chunk of accounts (the deposit review).
     */
    java.util.Set<String> withReturnsSince(java.util.Collection<String> accountNumbers, LocalDate since);
}
