package org.civicdesk.cashiering;

/** Where money came in (cashiering.md): a drawer, the remittance desk, a lockbox file, the portal, the phone, autopay. */
public enum TenderSource {
    DRAWER, REMITTANCE_DESK, LOCKBOX, PORTAL, PHONE, AUTOPAY
}
