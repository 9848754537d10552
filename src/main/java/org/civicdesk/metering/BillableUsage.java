package org.civicdesk.metering;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The usage of one service agreement for one bill period, or the reason there is none.
 *
 * @param fromDate    the read date the period starts after (the previous read)
 * @param toDate      the read date the period ends on
 * @param toReadId    the read the bill ends on (an estimated read when {@link #estimated()}); billing keeps it
 *                    as the next bill's {@link BillableService#lastBilledReadId()}
 * @param consumption whole units after multiplier, rollover and exchanges; never negative
 * @param demandKw    billed demand (one decimal) or null
 * @param problem     null when billable; else MISSING_READ, READ_EXCEPTION or NO_METER with {@link #reason()}
 */
public record BillableUsage(long agreementId, String meterNumber, LocalDate fromDate, LocalDate toDate,
        Long fromReadId, Long toReadId, BigDecimal fromReading, BigDecimal toReading, BigDecimal consumption,
        BigDecimal demandKw, boolean estimated, int estimatesInARow, String problem, String reason) {

    public boolean billable() {
        return problem == null;
    }
}
