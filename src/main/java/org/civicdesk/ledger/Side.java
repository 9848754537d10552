package org.civicdesk.ledger;

/** A journal line is a debit or a credit, never both. */
public enum Side {
    DEBIT, CREDIT;

    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}
