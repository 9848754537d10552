package org.civicdesk.ledger;

/**
 * The account numbers every fund's chart of accounts carries (seeded by the ledger's migration), so that
 * other modules can say "the Water Utility's customer receivables" as
 * {@code JournalLineRequest.debit("WATER", StandardAccount.RECEIVABLES.code(), amount)}. Revenue by source
 * has accounts 4010-4099 per fund; see the chart of accounts.
 */
public enum StandardAccount {
    CASH_IN_BANK("1010"),
    CASH_IN_DRAWERS("1020"),
    /** Card tenders taken and not yet settled by the card processor (cleared when the bank credit is matched). */
    CARD_CLEARING("1030"),
    /** The receivables control account: each of its lines names a receivable. */
    RECEIVABLES("1200"),
    BAD_DEBT_ALLOWANCE("1290"),
    /** What other funds owe this fund (interfund; e.g. a credit held elsewhere paid this fund's receivable). */
    DUE_FROM_OTHER_FUNDS("1900"),
    CUSTOMER_DEPOSITS("2100"),
    UNAPPLIED_CREDITS("2200"),
    /** File money that matched no account, held until staff apply or refund it. */
    SUSPENSE("2250"),
    TAX_PAYABLE("2300"),
    /** What this fund owes other funds (interfund). */
    DUE_TO_OTHER_FUNDS("2900"),
    FUND_BALANCE("3000"),
    FEE_REVENUE("4900"),
    BAD_DEBT_EXPENSE("6100"),
    CASH_OVER_SHORT("6900");

    private final String code;

    StandardAccount(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
