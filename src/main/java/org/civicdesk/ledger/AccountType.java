package org.civicdesk.ledger;

/** The five kinds of general-ledger account. */
public enum AccountType {
    ASSET, LIABILITY, EQUITY, REVENUE, EXPENSE
}
