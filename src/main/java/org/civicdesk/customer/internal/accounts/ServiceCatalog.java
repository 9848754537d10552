package org.civicdesk.customer.internal.accounts;

import java.util.List;
import java.util.Map;

/**
 * The services the city sells (schedule codes as in tariffs.md): the rate schedule a new agreement starts on, the GL fund its charges belong to
 * (irrigation and hydrant water are Water Utility revenue), and whether a meter is read (a start then needs a
 * connect and an initial read, a stop a final read). Solid waste needs a barrel delivered and picked up.
 */
public enum ServiceCatalog {
    ELECTRIC("E1.1", "ELECTRIC", true),
    GAS("G1.1", "GAS", true),
    WATER("W1.1", "WATER", true),
    WASTEWATER("S1.1", "WASTEWATER", false),
    SOLID_WASTE("R1.2", "SOLID_WASTE", false),
    IRRIGATION("IRR", "WATER", true),
    HYDRANT("HYD", "WATER", true);

    /** Commercial premises start on the commercial schedules where the city has one. */
    private static final Map<ServiceCatalog, String> COMMERCIAL = Map.of(
            ELECTRIC, "E3.1", WATER, "W3.1", WASTEWATER, "S3.1", SOLID_WASTE, "C-BIN");

    private final String rateSchedule;
    private final String fund;
    private final boolean metered;

    ServiceCatalog(String rateSchedule, String fund, boolean metered) {
        this.rateSchedule = rateSchedule;
        this.fund = fund;
        this.metered = metered;
    }

    public String rateSchedule(boolean commercial) {
        return commercial ? COMMERCIAL.getOrDefault(this, rateSchedule) : rateSchedule;
    }

    public String fund() {
        return fund;
    }

    boolean metered() {
        return metered;
    }

    /** Field orders for a start of this service. */
    List<String> startOrders() {
        if (metered) {
            return List.of("CONNECT", "INITIAL_READ");
        }
        return this == SOLID_WASTE ? List.of("BARREL_DELIVERY") : List.of();
    }

    /** Field orders for a stop of this service. */
    List<String> stopOrders() {
        if (metered) {
            return List.of("FINAL_READ");
        }
        return this == SOLID_WASTE ? List.of("BARREL_PICKUP") : List.of();
    }

    /**
     * Landlord reversion: water, wastewater, solid waste and irrigation keep a vacant premise habitable and its
     * landscape alive, so they revert to the owner when a tenant stops; electric, gas and hydrant meters stop.
     */
    boolean revertsToOwner() {
        return this == WATER || this == WASTEWATER || this == SOLID_WASTE || this == IRRIGATION;
    }

    static boolean known(String name) {
        try {
            valueOf(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
