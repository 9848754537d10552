package org.civicdesk.customer;

/** The kinds of customer case; each has its own response time in business days. */
public enum CaseType {
    INQUIRY, COMPLAINT, BILLING_DISPUTE, SERVICE_REQUEST
}
