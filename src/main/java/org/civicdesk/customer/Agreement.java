package org.civicdesk.customer;

import java.time.LocalDate;

/**
 * A service agreement: one service for one account at one premise, with its rate schedule. The end date is
 * the stop date (the service ends that day; a new agreement may start on it).
 */
public record Agreement(long id, String accountNumber, long premiseId, String premiseAddress, String serviceType,
        String rateSchedule, LocalDate startDate, LocalDate endDate, String status, boolean finalBillRequested,
        Long revertedFromId) {
}
