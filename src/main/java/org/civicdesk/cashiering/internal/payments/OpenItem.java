package org.civicdesk.cashiering.internal.payments;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * What is still owed on one charge of a receivable after earlier credits paid the oldest charges first.
 *
 * @param kind the ledger entry source that made the charge (e.g. billing, deposit-installment); the
 *             configured priority names kinds that are paid before everything else
 */
record OpenItem(long receivableId, String fund, LocalDate dueDate, Money open, String kind) {
}
