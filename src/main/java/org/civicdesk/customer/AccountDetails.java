package org.civicdesk.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An account with what the account screen shows about it (balances come from the ledger). */
public record AccountDetails(long id, String accountNumber, long customerId, String customerName, String accountClass,
        String status, Address mailing, Integer billDueDay, boolean paperless, String language, LocalDate openedOn,
        LocalDate closedOn, boolean receivesReversion, List<AuthorizedPerson> authorizedPeople, List<Alert> alerts,
        List<Agreement> agreements, List<ServiceOrder> serviceOrders) {

    /** Someone who may speak for the account. */
    public record AuthorizedPerson(long id, String name, String relationship, String phoneDigits, Instant addedAt,
            String addedBy) {
    }

    /** An alert: CASH_ONLY, FRAUD_WATCH, MEDICAL_CERTIFICATE, BANKRUPTCY, ARRANGEMENT, DEPOSIT_DUE. */
    public record Alert(long id, String type, String note, LocalDate startsOn, LocalDate endsOn, String createdBy) {
    }

    /** Field work a start or stop needs, waiting for the field service module. */
    public record ServiceOrder(long id, long premiseId, Long agreementId, String type, LocalDate requestedFor,
            String status, String note) {
    }
}
