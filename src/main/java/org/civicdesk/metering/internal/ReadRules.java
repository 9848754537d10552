package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rules of a read, free of Spring and the database: usage between two reads of one meter (multiplier and
 * rollover by dial count) and the validation that holds a read as an exception (high or low use against the
 * same season last year, an implausible lower reading, zero use on an active service, a read out of date order).
 */
public final class ReadRules {

    private ReadRules() {
    }

    /** Read types of the CSV file, the API and the screen. */
    public static final java.util.List<String> READ_TYPES = java.util.List.of("ACTUAL", "ESTIMATED", "CUSTOMER",
            "FINAL", "INITIAL");

    /** The reading a meter of this many dials shows after its highest one: 10^dials. */
    public static BigDecimal dialCapacity(int dials) {
        return BigDecimal.TEN.pow(dials);
    }

    /** Usage from one reading to the next on the same meter, the counter having rolled over when it is lower. */
    public static BigDecimal usage(BigDecimal previous, BigDecimal current, int dials, BigDecimal multiplier) {
        BigDecimal delta = current.subtract(previous);
        if (delta.signum() < 0) {
            delta = dialCapacity(dials).subtract(previous).add(current);
        }
        return delta.multiply(multiplier);
    }

    /** Whole billing units (kWh, therms, kgal): half-up. */
    public static BigDecimal wholeUnits(BigDecimal usage) {
        return usage.setScale(0, RoundingMode.HALF_UP);
    }

    /** Thresholds of the checks (configuration civicdesk.reads.*). */
    public record Thresholds(BigDecimal highFactor, BigDecimal lowFactor) {
    }

    /**
     * What is known when a read arrives.
     *
     * @param previousReading the previous accepted reading of the same meter at the service point (null: none,
     *                        e.g. a new meter without its initial read)
     * @param days            days since that read
     * @param latestAcceptedAfter true when an accepted read at the service point is dated after this one
     * @param seasonDailyUse  average daily use of the same season last year (null: no history)
     * @param expectedDailyUse the best daily use known: the season's, else recent, else the class default
     * @param activeService   an agreement is active at the service point on the read date
     */
    public record ReadCheck(String readType, BigDecimal reading, BigDecimal previousReading, long days, int dials,
            BigDecimal multiplier, boolean latestAcceptedAfter, BigDecimal seasonDailyUse, BigDecimal expectedDailyUse,
            boolean activeService) {
    }

    /** The verdict: usage (null when not computable), and the exception code and reason when held. */
    public record Verdict(BigDecimal usage, String exceptionCode, String reason) {
        public boolean held() {
            return exceptionCode != null;
        }
    }

    public static Verdict check(ReadCheck c, Thresholds t, String units) {
        if ("INITIAL".equals(c.readType())) {
            return new Verdict(null, null, null);
        }
        if (c.latestAcceptedAfter()) {
            return new Verdict(null, "OUT_OF_ORDER",
                    "read date is before the latest accepted read of this service point");
        }
        if (c.previousReading() == null) {
            return new Verdict(null, null, null);
        }
        BigDecimal usage = usage(c.previousReading(), c.reading(), c.dials(), c.multiplier());
        long days = Math.max(1, c.days());
        if (c.reading().compareTo(c.previousReading()) < 0) {
            // a rollover is plausible only when the use it implies is not high for the days
            BigDecimal limit = c.expectedDailyUse() == null ? null
                    : c.expectedDailyUse().multiply(BigDecimal.valueOf(days)).multiply(t.highFactor());
            if (limit == null || usage.compareTo(limit) > 0) {
                return new Verdict(usage, "LOWER_THAN_PREVIOUS", String.format(
                        "reading %s is lower than the previous %s; a rollover of %d dials would mean %s %s in %d days",
                        plain(c.reading()), plain(c.previousReading()), c.dials(), plain(wholeUnits(usage)), units, days));
            }
            return new Verdict(usage, null, null);
        }
        if (usage.signum() == 0) {
            if (c.activeService() && !"FINAL".equals(c.readType())) {
                return new Verdict(usage, "ZERO_USE", "no use in " + days + " days on an active service");
            }
            return new Verdict(usage, null, null);
        }
        if (c.seasonDailyUse() != null && c.seasonDailyUse().signum() > 0) {
            BigDecimal expected = c.seasonDailyUse().multiply(BigDecimal.valueOf(days));
            if (usage.compareTo(expected.multiply(t.highFactor())) > 0) {
                return new Verdict(usage, "HIGH_USE", String.format("%s %s in %d days is over %s times the %s expected "
                        + "from the same season last year", plain(wholeUnits(usage)), units, days,
                        plain(t.highFactor()), plain(wholeUnits(expected))));
            }
            if (usage.compareTo(expected.multiply(t.lowFactor())) < 0) {
                return new Verdict(usage, "LOW_USE", String.format("%s %s in %d days is under %s times the %s expected "
                        + "from the same season last year", plain(wholeUnits(usage)), units, days,
                        plain(t.lowFactor()), plain(wholeUnits(expected))));
            }
        }
        return new Verdict(usage, null, null);
    }

    static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }
}
