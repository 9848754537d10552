package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One version of a per-unit adjuster (EECAF, PNGCAF): its price from a date on. */
public record AdjusterVersion(long id, String adjusterCode, String description, String unit, LocalDate effectiveFrom,
        BigDecimal price, String note) {

    public String label() {
        return adjusterCode + " from " + effectiveFrom;
    }
}
