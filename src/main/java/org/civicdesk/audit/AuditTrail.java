package org.civicdesk.audit;

/**
 * The append-only record of every state change and of every reveal of a protected personal identifier.
 *
 * <p>Call it inside the transaction of the change it describes: if the change rolls back, so does its
 * audit record. Who and from where come from the signed-in user and the current request (or the job's
 * name for background work, see {@link AuditActor#runAs}).
 */
public interface AuditTrail {

    /**
     * Records a change of one record.
     *
     * @param recordType the kind of record, e.g. {@code staff_user}, {@code journal_entry}
     * @param recordId   its identifier
     * @param action     what happened, e.g. {@code created}, {@code disabled}, {@code posted}
     * @param before     the state before (null when created); serialised to JSON
     * @param after      the state after (null when removed from use); serialised to JSON
     */
    void recordChange(String recordType, String recordId, String action, Object before, Object after);

    /**
     * Records many changes of one kind together (a daily job's thousands of accounts) in one statement: each
     * is its own audit event, found under its record like one written by {@link #recordChange}.
     *
     * @param recordType the kind of every record
     * @param action     what happened to each
     */
    default void recordChanges(String recordType, String action, java.util.List<Change> changes) {
        changes.forEach(c -> recordChange(recordType, c.recordId(), action, c.before(), c.after()));
    }

    /** One record's change among many: its identifier and its state before and after (serialised to JSON). */
    record Change(String recordId, Object before, Object after) {
    }

    /** Records that the signed-in user was shown a protected identifier (which field of which record). */
    void recordReveal(String recordType, String recordId, String field);

    /** Records an event that is not a change of a record, e.g. a failed sign-in. */
    void recordEvent(String action, String recordType, String recordId, String detail);
}
