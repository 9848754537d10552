package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/**
 * Whether a service is physically connected: the field reports a disconnection for non-payment or a
 * reconnection, and the account shows it. Each change is audited on the account.
 */
public interface ServiceConnections {

    /**
     * Marks the account's current agreements at the premise disconnected (one service, or with serviceType
     * null every metered service there). Idempotent per agreement: one already disconnected stays as it is.
     *
     * @return the agreements marked now
     */
    List<Long> disconnectForNonPayment(String accountNumber, long premiseId, String serviceType, LocalDate on,
            String reference);

    /** Ends the open disconnections of those agreements; returns the agreements reconnected now. */
    List<Long> reconnect(String accountNumber, long premiseId, String serviceType, LocalDate on, String reference);

    /** The account's services that are disconnected now. */
    List<Disconnection> disconnected(long accountId);

    /** Which of these accounts have a service disconnected now (one question for a batch of payments). */
    java.util.Set<Long> accountsWithDisconnectedService(java.util.Collection<Long> accountIds);

    /** An open disconnection. */
    record Disconnection(long agreementId, String serviceType, String premiseAddress, LocalDate disconnectedOn,
            String reference) {
    }
}
