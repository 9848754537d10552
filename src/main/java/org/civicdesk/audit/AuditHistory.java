package org.civicdesk.audit;

import java.time.Instant;
import java.util.List;

/** Reading the trail of one record, for screens that show a record's history (the account screen). */
public interface AuditHistory {

    /** One audit record as a history line: when, who, from where, what, and the after (or before) state or detail. */
    record Entry(long id, Instant occurredAt, String actor, String actorAddress, String action, String detail,
            String beforeState, String afterState) {

        /** What changed, in one string: the detail, else the state after, else the state before. */
        public String summary() {
            return detail != null ? detail : afterState != null ? afterState : beforeState;
        }
    }

    /** The record's audit entries, newest first. */
    List<Entry> forRecord(String recordType, String recordId, int limit);
}
