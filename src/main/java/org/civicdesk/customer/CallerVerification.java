package org.civicdesk.customer;

import java.time.Instant;

/**
 * How a caller or visitor was verified. Channel COUNTER, PHONE, EMAIL or WEB; method PHOTO_ID,
 * ID_DOCUMENT_NUMBER, ACCOUNT_DETAILS, LAST4_TAX_ID, DATE_OF_BIRTH or AUTHORIZED_PERSON.
 */
public record CallerVerification(long id, String channel, String method, Long documentId, String callerName,
        String note, Instant verifiedAt, String verifiedBy) {
}
