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
    LEDGER_CLOSE_PERIOD,
    /** Find customers and accounts and open the account screen (identifiers masked). */
    CUSTOMER_VIEW,
    /** Create customers and premises; change account details; log contacts; verify callers. */
    CUSTOMER_EDIT,
    /** Start, stop and transfer service. */
    SERVICE_START_STOP,
    /** Show a protected identifier (identity document number, date of birth, tax id) unmasked; audited. */
    PII_REVEAL,
    /** Open, work and resolve cases (inquiries, complaints, billing disputes). */
    CASE_MANAGE,
    /** Send letters and e-mails from templates. */
    LETTER_SEND,
    /** Set and end account alerts (cash only, fraud watch, medical certificate, bankruptcy). */
    ALERT_MANAGE,
    /** Move an unpaid closed balance from another account onto this one. */
    DEBT_TRANSFER;

    public String authority() {
        return name();
    }
}
