package org.civicdesk.customer;

import java.time.Instant;
import java.util.List;

/**
 * The contact history of an account: every call, e-mail, visit, web message and letter, with its reason and
 * notes. Other modules log their outbound contacts here too.
 */
public interface Contacts {

    /** How the customer and the city were in touch. */
    enum Channel { PHONE, EMAIL, WALK_IN, WEB, LETTER }

    /** Who started the contact. */
    enum Direction { INBOUND, OUTBOUND }

    /** The reasons offered in the contact form; any other reason may be typed. */
    List<String> COMMON_REASONS = List.of(
            "Billing question", "High bill", "Payment arrangement", "Payment made", "Start service",
            "Stop service", "Transfer service", "Move-in or move-out", "Outage or no service", "Water leak",
            "Meter question", "Deposit question", "Solid waste pickup", "Update contact information",
            "Complaint", "Other");

    /**
     * A contact to log.
     *
     * @param verificationId the identity_verification row of this call, if the caller was verified
     */
    record NewContact(Channel channel, Direction direction, String reason, String notes, Long verificationId) {
    }

    /** A logged contact. */
    record Contact(long id, long accountId, Channel channel, Direction direction, String reason, String notes,
            Long verificationId, Instant contactedAt, String recordedBy) {
    }

    /** Logs a contact on the account, in its own transaction or in the caller's. */
    Contact log(long accountId, NewContact contact);

    /** The latest contacts of the account, newest first. */
    List<Contact> recentForAccount(long accountId, int limit);
}
