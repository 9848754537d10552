package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/** A premise with its owners and every agreement (current and past) for service there. */
public record PremiseDetails(long id, String addressLine1, String unit, String city, String state, String zip,
        String premiseType, String parcel, int billingCycle, String route, List<String> servicesAvailable,
        List<Owner> owners, List<Agreement> agreements) {

    /** An owner, landlord or property manager of the premise. */
    public record Owner(long id, long customerId, String customerName, String role, LocalDate since, LocalDate until) {
    }

    public String address() {
        return addressLine1 + (unit == null || unit.isBlank() ? "" : " " + unit) + ", " + city + ", " + state + " " + zip;
    }
}
