package org.civicdesk.customer;

/** What a search hit matched: the kinds of key the account search box understands. */
public enum AccountSearchKind {
    ACCOUNT_NUMBER, NAME, ADDRESS, PHONE, EMAIL
}
