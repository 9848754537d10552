package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Accounts: the billing relationship between a customer and the city. Every change is audited with record
 * type account and the account number as record id, so that the account's history is one audit query.
 */
public interface Accounts {

    /** RecordNotFound when there is none. */
    AccountDetails account(AccountNumber number);

    /** The account's id, for account screen sections; RecordNotFound when there is none. */
    long idOf(AccountNumber number);

    /** The number of the account with this id (account screen sections get ids); RecordNotFound when there is none. */
    AccountNumber numberOf(long accountId);

    /**
     * The accounts among these whose bill due day (1 to 28) is the date's day of the month: daily jobs ask it for
     * many accounts at once instead of loading each account.
     */
    java.util.Set<String> billsDueOn(java.util.Collection<String> accountNumbers, LocalDate date);

    List<Agreement> agreements(AccountNumber number);

    AccountDetails change(AccountNumber number, AccountChange change);

    AccountDetails addAuthorizedPerson(AccountNumber number, String name, String relationship, String phone);

    AccountDetails removeAuthorizedPerson(AccountNumber number, long personId);

    /** Needs ALERT_MANAGE. */
    AccountDetails addAlert(AccountNumber number, String type, String note, LocalDate startsOn, LocalDate endsOn);

    /** Needs ALERT_MANAGE. */
    AccountDetails endAlert(AccountNumber number, long alertId);

    /** Records how the caller was verified, by the signed-in user, now. */
    CallerVerification verifyCaller(AccountNumber number, String channel, String method, Long documentId,
            String callerName, String note);

    /** The signed-in user's verification of the caller within the last 30 minutes, if any. */
    Optional<CallerVerification> currentVerification(AccountNumber number, String username);

    /** The account's history: its audit events, newest first. */
    List<HistoryEntry> history(AccountNumber number, int limit);

    /** One audit event of the account. */
    record HistoryEntry(java.time.Instant occurredAt, String actor, String action, String detail) {
    }
}
