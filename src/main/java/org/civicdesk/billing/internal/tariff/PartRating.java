package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;

/**
 * The lines of one part of a period (the whole period when no version changes inside it), each charge of the
 * version rounded on its own (rule 6).
 *
 * @param factor      months billed: 1 for a standard unsplit month, else days/30 to 4 decimals (rules 4 and 5)
 * @param consumption the part's share of the consumption
 * @param volume      the part's share of the wastewater billable volume
 * @param demand      the period's billed demand (the threshold applies to it), null when none
 * @param partDemand  the part's share of the billed demand
 */
record PartRating(TariffSnapshot book, RateSchedule schedule, ScheduleVersion version, RatingRequest req,
        RatingEngine.Part part, boolean lastPart, Season season, BigDecimal factor, BigDecimal consumption,
        BigDecimal volume, BigDecimal demand, BigDecimal partDemand) {

    List<RatedLine> lines() {
        List<RatedLine> lines = new ArrayList<>();
        Charge minimum = null;
        for (Charge c : version.charges()) {
            if (!c.season().includes(season)) {
                continue;
            }
            switch (c.kind()) {
                case FIXED -> {
                    if (!c.selectedByOption() || chosen(c)) {
                        lines.add(line(c, factor, c.price()));
                    }
                }
                case ALLOWANCE -> {
                    // included in the fixed charge: it only moves the next block's lower boundary
                }
                case TIER -> {
                    BigDecimal units = blockUnits(c);
                    if (units.signum() > 0) {
                        lines.add(line(c, units, c.price()));
                    }
                }
                case WASTEWATER_VOLUME -> {
                    if (volume.signum() > 0) {
                        lines.add(line(c, volume, c.price()));
                    }
                }
                case DEMAND -> {
                    if (demand.compareTo(c.threshold()) > 0 && partDemand.signum() > 0) {
                        lines.add(line(c, partDemand, c.price()));
                    }
                }
                case ADJUSTER -> {
                    AdjusterVersion a = book.adjusterOn(c.adjusterCode(), part.from()).orElseThrow();
                    if (consumption.signum() > 0) {
                        lines.add(new RatedLine(c.part(), c.description(), clean(consumption), c.unit(), price(a.price()),
                                amount(consumption, a.price()), c.taxable(), c.account(), a.id(), a.label(),
                                part.from(), part.to()));
                    }
                }
                case RIDER -> {
                    if (option(c.optionCode()).compareTo(BigDecimal.ONE) >= 0 && consumption.signum() > 0) {
                        lines.add(line(c, consumption, c.price()));
                    }
                }
                case PER_OPTION -> {
                    BigDecimal count = option(c.optionCode());
                    if (count.signum() > 0) {
                        lines.add(line(c, count.multiply(factor).setScale(RatingEngine.QUANTITY_SCALE, RoundingMode.HALF_UP),
                                c.price()));
                    }
                }
                case FLAT_PER_OPTION -> {
                    BigDecimal count = option(c.optionCode());
                    if (lastPart && count.signum() > 0) {
                        lines.add(line(c, count, c.price()));
                    }
                }
                case BIN_PICKUPS -> {
                    if (chosen(c)) {
                        BigDecimal pickups = option("PICKUPS_PER_WEEK");
                        if (pickups.signum() <= 0) {
                            throw new BusinessRuleViolation("billing.option-missing", "options.PICKUPS_PER_WEEK",
                                    schedule.code() + " is priced per pickup: give the pickups per week.");
                        }
                        // C-BIN: per-pickup price x pickups a week x 52/12, rounded to cents, is the monthly price
                        BigDecimal monthly = Money.round(c.price().multiply(pickups).multiply(RatingEngine.WEEKS_PER_YEAR)
                                .divide(RatingEngine.MONTHS_PER_YEAR, 10, RoundingMode.HALF_UP)).amount();
                        lines.add(new RatedLine(c.part(), c.description() + ", " + RatingEngine.plain(pickups)
                                + " pickups a week", clean(factor), "month", monthly, amount(factor, monthly), c.taxable(),
                                c.account(), version.id(), version.label(), part.from(), part.to()));
                    }
                }
                case BIN_EXTRA_PICKUP -> {
                    BigDecimal extra = option("EXTRA_PICKUPS");
                    if (chosen(c) && lastPart && extra.signum() > 0) {
                        lines.add(line(c, extra, c.price().multiply(c.multiplier())));
                    }
                }
                case PER_DAY -> lines.add(line(c, BigDecimal.valueOf(part.days()), c.price()));
                case DEPOSIT -> {
                    if (lastPart && req.firstBill()) {
                        lines.add(line(c, BigDecimal.ONE, c.price()));
                    }
                }
                case MINIMUM -> minimum = c;
            }
        }
        if (minimum != null) {
            Money floor = amount(factor, minimum.price());
            Money charged = lines.stream().filter(l -> !"2100".equals(l.account())).map(RatedLine::amount)
                    .reduce(Money.ZERO, Money::plus);
            if (charged.compareTo(floor) < 0) {
                lines.add(new RatedLine(minimum.part(), minimum.description(), clean(factor), "month",
                        price(minimum.price()), floor.minus(charged), minimum.taxable(), minimum.account(), version.id(),
                        version.label(), part.from(), part.to()));
            }
        }
        return lines;
    }

    /** Units of the part's consumption inside the block, boundaries multiplied by the factor (4 decimals). */
    private BigDecimal blockUnits(Charge c) {
        BigDecimal from = scaled(c.tierFrom());
        BigDecimal upTo = c.tierTo() == null ? consumption : consumption.min(scaled(c.tierTo()));
        BigDecimal units = upTo.subtract(from);
        return units.signum() > 0 ? units : BigDecimal.ZERO;
    }

    private BigDecimal scaled(BigDecimal boundary) {
        return factor.compareTo(BigDecimal.ONE) == 0 ? boundary
                : boundary.multiply(factor).setScale(RatingEngine.QUANTITY_SCALE, RoundingMode.HALF_UP);
    }

    private boolean chosen(Charge c) {
        BigDecimal given = req.options().get(c.optionCode());
        return given != null && given.compareTo(c.optionValue()) == 0;
    }

    private BigDecimal option(String code) {
        BigDecimal v = req.options().get(code);
        if (v != null && v.signum() < 0) {
            throw new BusinessRuleViolation("billing.option-negative", "options." + code, code + " cannot be negative.");
        }
        return v == null ? BigDecimal.ZERO : v;
    }

    private RatedLine line(Charge c, BigDecimal quantity, BigDecimal unitPrice) {
        return new RatedLine(c.part(), c.description(), clean(quantity), c.unit(), price(unitPrice),
                amount(quantity, unitPrice), c.taxable(), c.account(), version.id(), version.label(), part.from(), part.to());
    }

    /** Rule 6 and rule 7: each line rounded half-up to cents, never below zero. */
    private static Money amount(BigDecimal quantity, BigDecimal unitPrice) {
        Money m = Money.round(quantity.multiply(unitPrice));
        return m.isNegative() ? Money.ZERO : m;
    }

    /** Prices for people: at least cents, no trailing zeros beyond. */
    static BigDecimal price(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 2 ? s.setScale(2) : s;
    }

    /** Numbers for people: no trailing zeros beyond cents for prices, none at all for quantities. */
    static BigDecimal clean(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
