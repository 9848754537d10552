package org.civicdesk.cashiering;

/**
 * What a payment (or a part of it) pays: a receivable of a registered kind, e.g. utility-account with the
 * account number, miscellaneous with a revenue code, cemetery-contract with the contract number.
 */
public record PaymentTarget(String receivableType, String reference) {
}
