package org.civicdesk.metering;

import java.time.LocalDate;

/**
 * A metered service agreement that billing wants usage for, with where its last bill ended.
 *
 * @param lastBilledReadId the read the last issued (not cancelled) bill ended on; null before the first bill,
 *                         when usage starts at the initial read at or after the agreement's start
 */
public record BillableService(long agreementId, long premiseId, String serviceType, LocalDate agreementStart,
        LocalDate agreementEnd, Long lastBilledReadId) {
}
