package org.civicdesk.fieldservice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A field order as dispatch and the field see it.
 *
 * @param statusReason why it failed or was cancelled
 * @param overdue      not finished and past its due time
 */
public record FieldOrder(long id, String type, String typeTitle, boolean needsRead, long accountId,
        String accountNumber, long premiseId, String premiseAddress, String area, Long agreementId, String serviceType,
        String meterNumber, LocalDate requestedDate, LocalDate scheduledFor, Instant dueBy, String priority,
        FieldOrderStatus status, String assignedTo, String note, String statusReason, BigDecimal completionReading,
        Long completionReadId, String source, String sourceReference, Instant createdAt, String createdBy,
        Instant statusChangedAt, String statusChangedBy, boolean overdue) {

    /** One step of the order's history. */
    public record Step(String step, FieldOrderStatus from, FieldOrderStatus to, String assignedTo, String note,
            Instant occurredAt, String actor) {
    }

    /** The order with its steps, oldest first. */
    public record WithHistory(FieldOrder order, List<Step> steps) {
    }
}
