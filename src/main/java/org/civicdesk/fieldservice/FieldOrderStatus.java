package org.civicdesk.fieldservice;

/** Where a field order is in its life. COMPLETED, FAILED and CANCELLED are final. */
public enum FieldOrderStatus {
    CREATED, SCHEDULED, DISPATCHED, EN_ROUTE, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
