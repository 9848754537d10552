package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;

/** One charge of a version being added (API body or form row). Fields as in {@link Charge}. */
public record NewCharge(String part, String kind, String description, String season, String unit, BigDecimal price,
        BigDecimal tierFrom, BigDecimal tierTo, BigDecimal threshold, String adjusterCode, String optionCode,
        BigDecimal optionValue, BigDecimal multiplier, boolean taxable, String account) {

    static NewCharge of(Charge c) {
        return new NewCharge(c.part(), c.kind().name(), c.description(), c.season().name(), c.unit(), c.price(),
                c.tierFrom(), c.tierTo(), c.threshold(), c.adjusterCode(), c.optionCode(), c.optionValue(),
                c.multiplier(), c.taxable(), c.account());
    }
}
