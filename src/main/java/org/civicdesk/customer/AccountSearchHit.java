package org.civicdesk.customer;

/**
 * One account found by the search box: its number, the customer's name, the service address (empty when the
 * account has no agreement yet), ACTIVE or CLOSED, what matched, and the account screen's address.
 */
public record AccountSearchHit(String accountNumber, String customerName, String serviceAddress, String status,
        AccountSearchKind matchedBy, String href) {

    public static AccountSearchHit of(String accountNumber, String customerName, String serviceAddress, String status,
            AccountSearchKind matchedBy) {
        return new AccountSearchHit(accountNumber, customerName, serviceAddress == null ? "" : serviceAddress, status,
                matchedBy, "/accounts/" + accountNumber);
    }
}
