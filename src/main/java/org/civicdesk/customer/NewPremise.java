package org.civicdesk.customer;

import java.util.List;

/**
 * A service address to create. Type SINGLE_FAMILY, MULTI_UNIT, COMMERCIAL or MOBILE_HOME_PARK; billing cycle
 * 1 to 20; services available among ELECTRIC, GAS, WATER, WASTEWATER, SOLID_WASTE, IRRIGATION, HYDRANT.
 */
public record NewPremise(String addressLine1, String unit, String city, String state, String zip, String premiseType,
        String parcel, Integer billingCycle, String route, List<String> servicesAvailable) {
}
