package org.civicdesk.customer;

import java.time.LocalDate;

/**
 * An identity document as presented: type (DRIVER_LICENSE, STATE_ID, PASSPORT, MATRICULA_CONSULAR, MILITARY_ID,
 * TRIBAL_ID, PERMANENT_RESIDENT_CARD, OTHER), number (stored encrypted), issuer and expiry date.
 */
public record IdentityDocumentInput(String type, String number, String issuer, LocalDate expiresOn) {
}
