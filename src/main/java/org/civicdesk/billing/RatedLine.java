package org.civicdesk.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * One charge of one part of a bill period (tariffs.md rule 6: rounded on its own), with where it came from.
 *
 * @param part        the charge's code in its schedule version, e.g. ENERGY_TIER_2, CUSTOMER_CHARGE, EECAF
 * @param quantity    units billed (kWh, kgal, kW, months, days, containers), 4 decimals at most
 * @param unitPrice   price per unit as the version states it
 * @param account     the chart-of-accounts code the amount is credited to in the service's fund (revenue,
 *                    or 2100 for a refundable deposit)
 * @param versionId   the rate schedule (or adjuster) version that priced it
 * @param version     a label for people, e.g. E1.1 v2 from 2026-07-01
 * @param from        first day of the part
 * @param to          last day of the part
 */
public record RatedLine(String part, String description, BigDecimal quantity, String unit, BigDecimal unitPrice,
        Money amount, boolean taxable, String account, long versionId, String version, LocalDate from, LocalDate to) {
}
