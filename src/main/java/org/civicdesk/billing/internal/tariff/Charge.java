package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;

/**
 * One charge of a schedule version, as stored in billing_rate_charge. Which fields matter depends on the kind
 * (see {@link ChargeKind}); price is null only for an ADJUSTER (priced by the adjuster's version).
 */
public record Charge(int lineNo, String part, ChargeKind kind, String description, Season season, String unit,
        BigDecimal price, BigDecimal tierFrom, BigDecimal tierTo, BigDecimal threshold, String adjusterCode,
        String optionCode, BigDecimal optionValue, BigDecimal multiplier, boolean taxable, String account) {

    /** True when the charge applies only to agreements whose option equals optionValue (e.g. METER_SIZE 2). */
    public boolean selectedByOption() {
        return optionCode != null && optionValue != null;
    }
}
