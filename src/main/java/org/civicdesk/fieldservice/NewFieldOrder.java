package org.civicdesk.fieldservice;

import java.time.LocalDate;

/**
 * An order to create. source and sourceReference make creation idempotent: the same pair again returns the
 * order made the first time (for example source collections, reference disconnect:account:date).
 *
 * @param type          a code of {@link FieldOrderTypes} or another row of field_order_type
 * @param serviceType   ELECTRIC, GAS, WATER ...; null for the whole premise (a door hanger, a disconnect of all)
 * @param agreementId   the service agreement, when the order is about one
 * @param requestedDate the day the work is wanted; overdue after 17:00 of that day
 * @param priority      NORMAL, HIGH or EMERGENCY; null is NORMAL
 */
public record NewFieldOrder(String type, String accountNumber, long premiseId, String serviceType, Long agreementId,
        LocalDate requestedDate, String priority, String note, String source, String sourceReference) {
}
