package org.civicdesk.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collection;

/**
 * The winter quarter average of tariffs.md (kgal per 30 days): the water consumption of the bill periods whose
 * read date falls in December, January or February, divided by their days, times 30, to 2 decimals half-up.
 * Recomputed each April 1 for the bills read from April 1 to March 31. Pure: no Spring, no database.
 */
public final class WinterQuarterAverage {

    /** One bill period of water: its read date, days and consumption in kgal. */
    public record Period(LocalDate readDate, int days, BigDecimal consumption) {
    }

    private WinterQuarterAverage() {
    }

    /** The WQA of the periods, or null when none was read in December, January or February (use the class default). */
    public static BigDecimal of(Collection<Period> periods) {
        BigDecimal water = BigDecimal.ZERO;
        long days = 0;
        for (Period p : periods) {
            Month m = p.readDate().getMonth();
            if ((m == Month.DECEMBER || m == Month.JANUARY || m == Month.FEBRUARY) && p.days() > 0) {
                water = water.add(p.consumption() == null ? BigDecimal.ZERO : p.consumption());
                days += p.days();
            }
        }
        if (days == 0) {
            return null;
        }
        return water.multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }

    /**
     * The WQA in force for a bill read on readDate, from the premise's history: the periods of the winter
     * (December to February) before the latest April 1 on or before readDate. Null when there are none.
     */
    public static BigDecimal forReadDate(LocalDate readDate, Collection<Period> history) {
        LocalDate recomputedOn = LocalDate.of(readDate.getMonthValue() >= 4 ? readDate.getYear() : readDate.getYear() - 1, 4, 1);
        LocalDate winterStart = LocalDate.of(recomputedOn.getYear() - 1, 12, 1);
        return of(history.stream().filter(p -> !p.readDate().isBefore(winterStart) && p.readDate().isBefore(recomputedOn))
                .toList());
    }
}
