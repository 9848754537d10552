package org.civicdesk.identity;

/** The city's jobs. What each may do is data (role_permission), seeded to match city-profile.md. */
public enum StaffRole {
    CUSTOMER_SERVICE_SPECIALIST("Customer service specialist"),
    SENIOR_SPECIALIST("Senior customer service specialist"),
    CASHIER("Cashier"),
    HEAD_CASHIER("Head cashier"),
    CUSTOMER_SERVICE_SUPERVISOR("Customer service supervisor"),
    FIELD_DISPATCHER("Field dispatcher"),
    FIELD_SPECIALIST("Field specialist"),
    CEMETERY_COORDINATOR("Cemetery coordinator"),
    SOLID_WASTE_SPECIALIST("Solid waste specialist"),
    TAX_LICENSING_SPECIALIST("Tax and licensing specialist"),
    BILLING_SPECIALIST("Billing specialist"),
    ADMINISTRATOR("Administrator");

    private final String title;

    StaffRole(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
