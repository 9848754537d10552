package org.civicdesk.ledger;

import org.civicdesk.platform.Money;

/**
 * A receivable's balance now and the credits (payments and the like, reversals left out) posted to it after
 * a given entry.
 */
public record ReceivableActivity(long receivableId, Money balance, Money creditsSince) {
}
