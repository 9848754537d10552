package org.civicdesk.ledger;

/** A self-balancing set of accounts, e.g. WATER, the Water Utility. */
public record Fund(String code, String name) {
}
