package org.civicdesk.cashiering;

import java.time.LocalDate;
import java.util.Collection;
import org.civicdesk.platform.Money;

/**
 * Credit balances (overpayments held as unapplied credits) of utility accounts, applied to what the accounts
 * owe. Bill runs call it after posting a chunk of bills, in their transaction.
 */
public interface CreditBalances {

    /**
     * Applies each account's unapplied credits, oldest payment first, to its open charges by the payment
     * application rule (priority kinds, then oldest due first): one journal entry per payment credit used.
     * Accounts without a credit cost one indexed query for the whole collection.
     *
     * @return the total applied
     */
    Money applyToOpenCharges(Collection<String> accountNumbers, LocalDate businessDate);
}
