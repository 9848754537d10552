package org.civicdesk.customer;

/** A letter's state: PRINTED for the mail room, SENT by e-mail, SEND_FAILED (with the reason), QUEUED. */
public enum LetterStatus {
    PRINTED, SENT, SEND_FAILED, QUEUED
}
