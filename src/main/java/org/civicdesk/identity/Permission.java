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
    DEBT_TRANSFER,
    // ---- meters, tariffs and bills (billing issue)
    /** See meters, reads, tariffs, bills and bill runs; use the rate calculator. */
    BILLING_VIEW,
    /** Enter and import meter reads; work the read exception queue. */
    READS_ENTER,
    /** Install, exchange and remove meters. */
    METERS_MANAGE,
    /** Add a version of a rate schedule, an adjuster or a tax rate. */
    TARIFF_EDIT,
    /** Start trial and issuing bill runs; cancel a run. */
    BILL_RUN,
    /** Request a billing adjustment (above the limit it waits for a second person); wastewater fee adjustment. */
    BILL_ADJUST,
    /** Approve another user's billing adjustment above the limit. */
    BILL_ADJUST_APPROVE,
    /** Cancel an issued bill (a reversal) and rebill. */
    BILL_CANCEL,
    // ---- payments and cashiering (cashiering issue)
    /** Open one's own drawer, take payments, print receipts, close one's own drawer. */
    PAYMENT_TAKE,
    /** Approve a same-day void of another user's payment. */
    PAYMENT_VOID_APPROVE,
    /** Head cashier: set floats, approve an over/short beyond tolerance, turn in drawers, make the deposit. */
    DRAWER_SUPERVISE,
    /** Import remittance, ACH return and bank statement files; generate the autopay file; enter returned checks. */
    PAYMENT_FILES,
    /** Research and apply or refund payments held in suspense. */
    SUSPENSE_WORK,
    /** Approve refunds of credit balances and deposits; export them to accounts payable. */
    REFUND_APPROVE,
    /** Read the Daily Cash Report, deposits and drawer histories. */
    CASH_REPORT_VIEW,
    // ---- credit and collections (issue 6)
    /** See an account's collections section: deposit, arrangement eligibility, protections, disconnect answer. */
    COLLECTIONS_VIEW,
    /** Require deposits, create payment arrangements, grant extensions, record medical certificates and bankruptcy. */
    COLLECTIONS_MANAGE,
    /** Declare an excessive-heat day (no residential electric or water disconnection that day). */
    HEAT_DAY_DECLARE,
    // ---- field service (issue 6)
    /** See field orders: the dispatch board, an account's orders. */
    FIELD_ORDERS_VIEW,
    /** Dispatcher: create, schedule, assign, reassign and cancel field orders; take in pending work. */
    DISPATCH,
    /** Field specialist: move one's own orders en route, complete them (with a read) or fail them with a reason. */
    FIELD_ORDER_UPDATE,
    // ---- public portal (issue 7)
    /** Help a customer with their portal login from the account screen: send a reset link, unlock, unlink. */
    PORTAL_ASSIST;

    public String authority() {
        return name();
    }
}
