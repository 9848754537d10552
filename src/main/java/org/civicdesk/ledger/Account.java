package org.civicdesk.ledger;

/** One account of a fund's chart of accounts. */
public record Account(long id, String fund, String code, String name, AccountType type, Side normalBalance,
        boolean receivablesControl) {
}
