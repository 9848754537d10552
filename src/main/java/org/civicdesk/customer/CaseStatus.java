package org.civicdesk.customer;

/** Where a case stands: OPEN, IN_PROGRESS, RESOLVED (may be reopened) and CLOSED. */
public enum CaseStatus {
    OPEN, IN_PROGRESS, RESOLVED, CLOSED;

    /** Still waiting for the city: counts against the owner's queue and the due date. */
    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
