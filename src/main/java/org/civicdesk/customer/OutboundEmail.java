package org.civicdesk.customer;

/**
 * Plain e-mails that are not letters of an account, e.g. a portal login's verification or reset link. Queued in
 * the caller's transaction (an outbox) and sent through the letters' SMTP server after it commits; a message
 * whose transaction rolls back is never sent. Text only: the caller renders it in the reader's language.
 */
public interface OutboundEmail {

    /**
     * @param purpose what the e-mail is for (portal-verify, portal-reset ...), kept with it
     * @return the outbox row's id
     */
    long queue(String purpose, String to, String subject, String body);
}
