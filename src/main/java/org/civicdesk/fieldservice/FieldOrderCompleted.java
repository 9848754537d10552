package org.civicdesk.fieldservice;

import java.time.LocalDate;

/**
 * A field order was completed. A FINAL_READ completion tells billing that the stop's final read is in
 * (readId), so that the final bill can be made; other modules may react to other types.
 */
public record FieldOrderCompleted(long orderId, String type, long accountId, String accountNumber, long premiseId,
        Long agreementId, String serviceType, LocalDate completedOn, Long readId) {
}
