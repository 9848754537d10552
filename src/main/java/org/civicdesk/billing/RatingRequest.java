package org.civicdesk.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * What to rate: one service agreement for one bill period (tariffs.md rule 1: the days after
 * previousReadDate up to and including readDate).
 *
 * @param consumption          whole units (kWh, therms, kgal) for metered services, null for unmetered ones
 * @param demandKw             billed demand to one decimal, null when the meter has none
 * @param winterQuarterAverage WQA in kgal per 30 days for wastewater (null: the class default)
 * @param options              the agreement's countable options, by code: RENEWABLE_RIDER (1 = opted in),
 *                             EXTRA_REFUSE_BARRELS, GREEN_WASTE_BARRELS, METER_SIZE (inches: 0.625, 1, 2),
 *                             BIN_YARDS, PICKUPS_PER_WEEK, EXTRA_PICKUPS, IRRIGATION_SEASONS
 * @param firstBill            true on the agreement's first bill: one-time charges such as the hydrant meter's
 *                             refundable deposit are billed then
 */
public record RatingRequest(String rateSchedule, LocalDate previousReadDate, LocalDate readDate,
        BigDecimal consumption, BigDecimal demandKw, BigDecimal winterQuarterAverage, Map<String, BigDecimal> options,
        boolean firstBill) {

    public RatingRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A request for a bill that is not the agreement's first (no one-time charges). */
    public RatingRequest(String rateSchedule, LocalDate previousReadDate, LocalDate readDate, BigDecimal consumption,
            BigDecimal demandKw, BigDecimal winterQuarterAverage, Map<String, BigDecimal> options) {
        this(rateSchedule, previousReadDate, readDate, consumption, demandKw, winterQuarterAverage, options, false);
    }
}
