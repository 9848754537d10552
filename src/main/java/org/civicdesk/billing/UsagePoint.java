package org.civicdesk.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The consumption of one metered service over one bill period.
 *
 * @param unit kWh, therms or kgal
 */
public record UsagePoint(String serviceType, LocalDate periodFrom, LocalDate periodTo, int days,
        BigDecimal consumption, String unit, boolean estimated, long billId) {
}
