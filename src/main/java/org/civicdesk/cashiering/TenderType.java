package org.civicdesk.cashiering;

/** How money was handed over. CHECK and ACH are refused on cash-only (certified funds) accounts. */
public enum TenderType {
    CASH, CHECK, MONEY_ORDER, CASHIERS_CHECK, CREDIT_CARD, DEBIT_CARD, ACH;

    public boolean certifiedFunds() {
        return this != CHECK && this != ACH;
    }
}
