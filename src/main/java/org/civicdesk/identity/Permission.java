package org.civicdesk.identity;

/**
 * What a staff user may do. Roles are granted permissions in the database (table role_permission, seeded
 * by migrations); pages and endpoints check permissions, never role names, so that a city can regroup them.
 * The authority string of a permission is its name.
 */
public enum Permission {
    /** See the home page and one's own approval requests. */
    STAFF_HOME,
    /** Create, disable, enable and reset staff users; assign roles. */
    USERS_ADMIN,
    /** Search and read the audit trail. */
    AUDIT_VIEW,
    /** Read the ledger: funds, chart of accounts, journal entries, trial balance, receivable balances. */
    LEDGER_VIEW,
    /** Post a manual journal entry (above the approval limit it waits for a second person). */
    LEDGER_POST_MANUAL,
    /** Approve another user's manual journal entry above the limit. */
    LEDGER_APPROVE_MANUAL,
    /** Close and reopen accounting periods. */
    LEDGER_CLOSE_PERIOD;

    public String authority() {
        return name();
    }
}
