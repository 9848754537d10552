package org.civicdesk.ledger;

import org.civicdesk.platform.Money;

/** A receivable's current balance (debits minus credits of its lines; negative is a credit balance). */
public record ReceivableBalance(Receivable receivable, Money balance, long lineCount, Aging aging) {
}
