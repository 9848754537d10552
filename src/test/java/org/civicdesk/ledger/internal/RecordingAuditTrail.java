package org.civicdesk.ledger.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civicdesk.audit.AuditTrail;

/** Keeps audit records in memory, for tests without Spring. */
final class RecordingAuditTrail implements AuditTrail {

    record Change(String recordType, String recordId, String action, Object before, Object after) {
    }

    final List<Change> changes = new CopyOnWriteArrayList<>();

    @Override
    public void recordChange(String recordType, String recordId, String action, Object before, Object after) {
        changes.add(new Change(recordType, recordId, action, before, after));
    }

    @Override
    public void recordReveal(String recordType, String recordId, String field) {
    }

    @Override
    public void recordEvent(String action, String recordType, String recordId, String detail) {
    }

    long count(String recordType, String recordId, String action) {
        return changes.stream().filter(c -> c.recordType().equals(recordType) && c.recordId().equals(recordId)
                && c.action().equals(action)).count();
    }
}
