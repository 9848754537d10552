package org.civicdesk.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Letters and e-mails to account holders from templates in English and Spanish. Each letter is rendered in the
 * account's language, kept as text with the account (its PDF is laid out on first view, print or e-mail from what
 * was fixed when it was sent, then kept), and logged as an outbound contact.
 * Placeholders the system fills itself: customerName, accountNumber, serviceAddress and date; others (amount,
 * dueDate, caseNumber, resolution, message) come from the caller.
 */
public interface Letters {

    /** A template in one language. */
    record LetterTemplate(String code, String language, String title, String subject, String body) {
    }

    /** A letter rendered but not stored. */
    record Preview(String templateCode, String language, String subject, String body) {
    }

    /** A stored letter. */
    record Letter(long id, long accountId, String templateCode, String language, String subject, String body,
            String delivery, String emailTo, LetterStatus status, String statusDetail, Instant createdAt,
            String createdBy) {
    }

    /** The templates in one language, by code. */
    List<LetterTemplate> templates(String language);

    /** Renders the letter without storing or sending it. */
    Preview preview(long accountId, String templateCode, Map<String, String> values);

    /** Renders, stores and sends (or prints) the letter in one transaction. */
    Letter send(long accountId, String templateCode, Map<String, String> values, LetterDelivery delivery);

    /** One letter of many to send together. */
    record Request(long accountId, String templateCode, Map<String, String> values, LetterDelivery delivery) {
    }

    /**
     * Stores and sends (or prints) many letters at once, in the caller's transaction (a daily job's chunk): the
     * letters, their contact-log rows and their audit records a statement each. The same rules as
     * {@link #send}; a letter that cannot be made (no template in the account's language) fails the whole call.
     *
     * @return the letters' ids, in the order of the requests
     */
    List<Long> sendAll(List<Request> requests);

    Letter find(long letterId);

    /** The letter's PDF: laid out and kept on the first call, the kept one afterwards. */
    byte[] pdf(long letterId);

    /** Letters of the account, newest first. */
    List<Letter> forAccount(long accountId);
}
