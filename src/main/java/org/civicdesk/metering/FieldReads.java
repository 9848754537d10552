package org.civicdesk.metering;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the field service module needs from meters and reads: which meter serves a premise, the reread
 * requests to dispatch, and the reads specialists take in the field (recorded with source FIELD through the
 * same checks as every read).
 */
public interface FieldReads {

    /** The meter installed for the service at the premise on the day, if any. */
    Optional<String> meterAt(long premiseId, String serviceType, LocalDate on);

    /**
     * Records a field read (readType ACTUAL or FINAL). Refused with BusinessRuleViolation naming the field
     * (reading, readDate, meterNumber); a held read (EXCEPTION) is stored and returned with its reason.
     */
    FieldRead enter(String accountNumber, String meterNumber, LocalDate readDate, String reading, String readType);

    /** Reread requests still OPEN, oldest first. */
    List<RereadToDispatch> openRereads(int limit);

    /** Marks an OPEN reread DISPATCHED in the caller's transaction; false when it was no longer open. */
    boolean markRereadDispatched(long rereadId);

    /** Marks a DISPATCHED reread COMPLETED (the field read was taken) or CANCELLED (the order was). */
    void closeReread(long rereadId, boolean completed);

    /** A read as metering stored it. */
    record FieldRead(long readId, String meterNumber, LocalDate readDate, BigDecimal reading, String readType,
            String status, String exceptionReason) {
    }

    /** A reread to send someone for, with the account now taking the service there (null if none). */
    record RereadToDispatch(long id, long readId, String meterNumber, long premiseId, String premiseAddress,
            String route, String serviceType, Long accountId, String accountNumber, Long agreementId, String note) {
    }
}
