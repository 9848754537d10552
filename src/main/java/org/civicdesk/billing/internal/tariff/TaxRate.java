package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One jurisdiction's transaction privilege tax rate on utilities from a date on (rate is a fraction). */
public record TaxRate(long id, String jurisdiction, String description, BigDecimal rate, LocalDate effectiveFrom) {
}
