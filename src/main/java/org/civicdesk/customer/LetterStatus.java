package org.civicdesk.customer;

/**
 * A letter's state. PRINTED for the mail room. A letter to be e-mailed is QUEUED when stored, SENDING while one
 * instance hands it to the SMTP server, then SENT, or SEND_FAILED with the reason (and retried a few times).
 */
public enum LetterStatus {
    PRINTED("Printed for mailing"),
    QUEUED("Waiting to be e-mailed"),
    SENDING("Being e-mailed"),
    SENT("E-mailed"),
    SEND_FAILED("E-mail failed");

    private final String label;

    LetterStatus(String label) {
        this.label = label;
    }

    /** How the status reads on the account screen. */
    public String label() {
        return label;
    }
}
