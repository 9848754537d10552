package org.civicdesk.billing;

import java.util.Set;

/**
 * An immutable, in-memory snapshot of every rate schedule version, adjuster and tax rate. Rating is a pure
 * function of the book and the request (no database, no clock), so a bill run rates a million services
 * from one snapshot.
 */
public interface TariffBook {

    /**
     * Rates one service for one period following tariffs.md. Refused with a
     * {@link org.civicdesk.platform.BusinessRuleViolation} naming the field when the schedule is unknown,
     * has no version in force for a day of the period, or the request lacks what the schedule needs.
     */
    RatedService rate(RatingRequest request);

    /** The schedule codes the book knows, e.g. E1.1, W1.1. */
    Set<String> scheduleCodes();

    /** The service type of a schedule (ELECTRIC, GAS, WATER, WASTEWATER, SOLID_WASTE, IRRIGATION, HYDRANT). */
    String serviceType(String scheduleCode);
}
