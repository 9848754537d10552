package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * Average daily use from a service point's accepted reads (each carrying its usage and days since the
 * previous read): the same season last year, or the recent periods. Pure; the reads are given oldest first.
 */
final class ReadHistory {

    /** One accepted read's usage. */
    record Period(LocalDate readDate, BigDecimal usage, int days) {
    }

    private ReadHistory() {
    }

    /** Daily use of the periods read within windowDays of the date one year before; null when none. */
    static BigDecimal sameSeasonLastYear(List<Period> periods, LocalDate date, int windowDays) {
        LocalDate center = date.minusYears(1);
        BigDecimal usage = BigDecimal.ZERO;
        long days = 0;
        for (Period p : periods) {
            if (p.usage() != null && p.days() > 0 && !p.readDate().isBefore(center.minusDays(windowDays))
                    && !p.readDate().isAfter(center.plusDays(windowDays))) {
                usage = usage.add(p.usage());
                days += p.days();
            }
        }
        return days == 0 ? null : usage.divide(BigDecimal.valueOf(days), 6, RoundingMode.HALF_UP);
    }

    /** Daily use of the last (up to) three periods read on or before the date; null when none. */
    static BigDecimal recent(List<Period> periods, LocalDate onOrBefore) {
        BigDecimal usage = BigDecimal.ZERO;
        long days = 0;
        int taken = 0;
        for (int i = periods.size() - 1; i >= 0 && taken < 3; i--) {
            Period p = periods.get(i);
            if (p.usage() != null && p.days() > 0 && !p.readDate().isAfter(onOrBefore)) {
                usage = usage.add(p.usage());
                days += p.days();
                taken++;
            }
        }
        return days == 0 ? null : usage.divide(BigDecimal.valueOf(days), 6, RoundingMode.HALF_UP);
    }
}
