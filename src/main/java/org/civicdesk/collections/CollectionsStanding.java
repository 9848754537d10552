package org.civicdesk.collections;

/**
 * An account's standing in collections on today's business date, for the collection schedule job and field
 * service: whether it may be disconnected today, and why.
 */
public interface CollectionsStanding {

    /** The disconnect policy's answer for the account today; RecordNotFound for an unknown account. */
    DisconnectEligibilityPolicy.Answer disconnectToday(String accountNumber);
}
