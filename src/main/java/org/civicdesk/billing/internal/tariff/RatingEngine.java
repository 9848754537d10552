package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;

/**
 * tariffs.md rules 1-7 as a pure function of a {@link TariffSnapshot} and a {@link RatingRequest}: no Spring,
 * no database, no clock.
 */
public final class RatingEngine {

    static final BigDecimal THIRTY = BigDecimal.valueOf(30);
    static final BigDecimal MONTHS_PER_YEAR = BigDecimal.valueOf(12);
    static final BigDecimal WEEKS_PER_YEAR = BigDecimal.valueOf(52);
    /** Rule 4: fractions of a month, part consumption and prorated boundaries carry 4 decimals, half-up. */
    static final int QUANTITY_SCALE = 4;

    private RatingEngine() {
    }

    /** One part of a period rated with one schedule version and one version of each adjuster (rule 5). */
    public record Part(LocalDate from, LocalDate to) {
        public int days() {
            return (int) ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    public static RatedService rate(TariffSnapshot book, RatingRequest req) {
        if (req == null) {
            throw new BusinessRuleViolation("billing.rating-request-missing", "rateSchedule", "Nothing to rate.");
        }
        RateSchedule schedule = book.schedule(req.rateSchedule());
        LocalDate previous = required(req.previousReadDate(), "previousReadDate", "Give the previous read date.");
        LocalDate read = required(req.readDate(), "readDate", "Give the current read date.");
        if (!read.isAfter(previous)) {
            throw new BusinessRuleViolation("billing.period-empty", "readDate",
                    "The read date must be after the previous read date (a period has at least one day).");
        }
        int days = (int) ChronoUnit.DAYS.between(previous, read);
        BigDecimal consumption = consumption(schedule, req);
        BigDecimal demand = req.demandKw();
        if (demand != null && demand.signum() < 0) {
            throw new BusinessRuleViolation("billing.demand-negative", "demandKw", "Billed demand cannot be negative.");
        }
        if (demand != null && demand.stripTrailingZeros().scale() > 1) {
            throw new BusinessRuleViolation("billing.demand-precision", "demandKw",
                    "Billed demand is in kW to one decimal (rule 2).");
        }
        Season season = Season.ofReadDate(read);
        List<Part> parts = parts(book, schedule, previous.plusDays(1), read);
        boolean split = parts.size() > 1;
        boolean standardMonth = days >= 25 && days <= 35;
        BigDecimal billableVolume = wastewaterBillableVolume(schedule, req, parts, consumption, days);

        List<RatedLine> lines = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            ScheduleVersion version = schedule.versionOn(part.from()).orElseThrow();
            requireOptions(schedule, version, req);
            // rule 4 for an unsplit period; rule 5 (part days/30) for each part of a split one
            BigDecimal factor = split ? fraction(part.days(), 30)
                    : standardMonth ? BigDecimal.ONE : fraction(days, 30);
            BigDecimal partConsumption = split ? share(consumption, part.days(), days) : consumption;
            BigDecimal partVolume = split ? share(billableVolume, part.days(), days) : billableVolume;
            BigDecimal partDemand = demand == null ? null : split ? share(demand, part.days(), days) : demand;
            PartRating rating = new PartRating(book, schedule, version, req, part, i == parts.size() - 1, season,
                    factor, partConsumption, partVolume, demand, partDemand);
            lines.addAll(rating.lines());
        }
        return new RatedService(schedule.code(), schedule.serviceType(), schedule.fund(), days, lines,
                taxes(book, read, lines));
    }

    /**
     * Rule 5: the period [from, to] is split at every effective date, inside it, of a version of the schedule or
     * of an adjuster one of its versions uses. Refused when no version is in force on the first day.
     */
    static List<Part> parts(TariffSnapshot book, RateSchedule schedule, LocalDate from, LocalDate to) {
        ScheduleVersion first = schedule.versionOn(from).orElseThrow(() -> new BusinessRuleViolation(
                "billing.tariff-no-version", "previousReadDate", "No version of " + schedule.code() + " is in force on "
                        + from + (schedule.versions().isEmpty() ? "." : "; its first version is from "
                        + schedule.versions().get(0).effectiveFrom() + ".")));
        TreeSet<LocalDate> starts = new TreeSet<>();
        starts.add(from);
        List<ScheduleVersion> inForce = new ArrayList<>(List.of(first));
        for (ScheduleVersion v : schedule.versions()) {
            if (v.effectiveFrom().isAfter(from) && !v.effectiveFrom().isAfter(to)) {
                starts.add(v.effectiveFrom());
                inForce.add(v);
            }
        }
        for (String adjuster : inForce.stream().flatMap(v -> v.charges().stream())
                .filter(c -> c.kind() == ChargeKind.ADJUSTER).map(Charge::adjusterCode).collect(Collectors.toSet())) {
            if (book.adjusterOn(adjuster, from).isEmpty()) {
                throw new BusinessRuleViolation("billing.tariff-no-adjuster-version", "previousReadDate",
                        "No version of the adjuster " + adjuster + " used by " + schedule.code() + " is in force on " + from + ".");
            }
            for (AdjusterVersion a : book.adjusters().getOrDefault(adjuster, List.of())) {
                if (a.effectiveFrom().isAfter(from) && !a.effectiveFrom().isAfter(to)) {
                    starts.add(a.effectiveFrom());
                }
            }
        }
        List<Part> parts = new ArrayList<>();
        List<LocalDate> s = new ArrayList<>(starts);
        for (int i = 0; i < s.size(); i++) {
            parts.add(new Part(s.get(i), i + 1 < s.size() ? s.get(i + 1).minusDays(1) : to));
        }
        return parts;
    }

    private static BigDecimal consumption(RateSchedule schedule, RatingRequest req) {
        BigDecimal c = req.consumption();
        if (c != null && c.signum() < 0) {
            // rule 7: a lower reading is a rollover or an exception, decided before rating; never a negative charge
            throw new BusinessRuleViolation("billing.consumption-negative", "consumption",
                    "Consumption cannot be negative: a reading lower than the previous one is a rollover or a read exception.");
        }
        if (!schedule.metered()) {
            return BigDecimal.ZERO;
        }
        if (c != null && c.stripTrailingZeros().scale() > 0) {
            throw new BusinessRuleViolation("billing.consumption-not-whole", "consumption",
                    "Consumption is billed in whole " + schedule.consumptionUnit() + " (rule 2).");
        }
        if (c == null) {
            throw new BusinessRuleViolation("billing.consumption-missing", "consumption",
                    schedule.code() + " bills " + schedule.consumptionUnit() + ": give the period's consumption.");
        }
        return c;
    }

    /** S1.1: the smaller of the period's water and WQA x days/30 (2 decimals); WQA defaults to the class's. */
    private static BigDecimal wastewaterBillableVolume(RateSchedule schedule, RatingRequest req, List<Part> parts,
            BigDecimal consumption, int days) {
        boolean needed = parts.stream().anyMatch(p -> schedule.versionOn(p.from()).orElseThrow().charges().stream()
                .anyMatch(c -> c.kind() == ChargeKind.WASTEWATER_VOLUME));
        if (!needed) {
            return consumption;
        }
        BigDecimal wqa = req.winterQuarterAverage() != null ? req.winterQuarterAverage() : schedule.defaultWqa();
        if (wqa == null) {
            throw new BusinessRuleViolation("billing.wqa-missing", "winterQuarterAverage",
                    schedule.code() + " has no class default WQA: give the customer's winter quarter average.");
        }
        if (wqa.signum() < 0) {
            throw new BusinessRuleViolation("billing.wqa-negative", "winterQuarterAverage",
                    "The winter quarter average cannot be negative.");
        }
        BigDecimal cap = wqa.multiply(BigDecimal.valueOf(days)).divide(THIRTY, 2, RoundingMode.HALF_UP);
        return consumption.min(cap);
    }

    /** A charge chosen by an option (meter size, bin size) needs the option, with one of the schedule's values. */
    private static void requireOptions(RateSchedule schedule, ScheduleVersion version, RatingRequest req) {
        Map<String, List<BigDecimal>> choices = new LinkedHashMap<>();
        for (Charge c : version.charges()) {
            if (c.selectedByOption()) {
                choices.computeIfAbsent(c.optionCode(), k -> new ArrayList<>()).add(c.optionValue());
            }
            if (c.kind() == ChargeKind.DEMAND && req.demandKw() == null) {
                throw new BusinessRuleViolation("billing.demand-missing", "demandKw",
                        schedule.code() + " bills demand: give the billed demand in kW (one decimal).");
            }
        }
        choices.forEach((option, values) -> {
            BigDecimal given = req.options().get(option);
            String allowed = values.stream().distinct().map(RatingEngine::plain).collect(Collectors.joining(", "));
            if (given == null) {
                throw new BusinessRuleViolation("billing.option-missing", "options." + option,
                        schedule.code() + " is priced by " + option + ": give one of " + allowed + ".");
            }
            if (values.stream().noneMatch(v -> v.compareTo(given) == 0)) {
                throw new BusinessRuleViolation("billing.option-unknown", "options." + option,
                        schedule.code() + " has no price for " + option + " " + plain(given) + ": give one of " + allowed + ".");
            }
        });
    }

    /**
     * Rule 6: tax per service on the sum of its taxable rounded lines, rounded half-up; then split into the
     * jurisdictions by rounding each part half-up, the cent or two of difference going to STATE so that the
     * parts add up to the combined tax exactly. Rates are those in force on the read date.
     */
    static List<TaxLine> taxes(TariffSnapshot book, LocalDate readDate, List<RatedLine> lines) {
        if (lines.stream().noneMatch(RatedLine::taxable)) {
            return List.of();
        }
        Money base = lines.stream().filter(RatedLine::taxable).map(RatedLine::amount).reduce(Money.ZERO, Money::plus);
        List<TaxRate> rates = TariffSnapshot.JURISDICTIONS.stream().map(j -> book.taxRateOn(j, readDate))
                .flatMap(java.util.Optional::stream).toList();
        if (rates.isEmpty()) {
            return List.of();
        }
        BigDecimal combinedRate = rates.stream().map(TaxRate::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        Money combined = Money.round(base.amount().multiply(combinedRate));
        List<Money> amounts = new ArrayList<>(rates.stream().map(r -> Money.round(base.amount().multiply(r.rate()))).toList());
        Money difference = combined.minus(amounts.stream().reduce(Money.ZERO, Money::plus));
        int state = 0; // the first rate is STATE when the state has one, else the first jurisdiction that has
        amounts.set(state, amounts.get(state).plus(difference));
        List<TaxLine> taxes = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            TaxRate r = rates.get(i);
            taxes.add(new TaxLine(r.jurisdiction(), r.rate(), base, amounts.get(i), r.id()));
        }
        return taxes;
    }

    /** days/30 (or any ratio) to 4 decimals, half-up. */
    static BigDecimal fraction(int numerator, int denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), QUANTITY_SCALE, RoundingMode.HALF_UP);
    }

    /** Rule 5: total x part days / period days, half-up to 4 decimals. */
    static BigDecimal share(BigDecimal total, int partDays, int periodDays) {
        return total.multiply(BigDecimal.valueOf(partDays)).divide(BigDecimal.valueOf(periodDays), QUANTITY_SCALE,
                RoundingMode.HALF_UP);
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static <T> T required(T value, String field, String reason) {
        if (value == null) {
            throw new BusinessRuleViolation("billing.rating-field-missing", field, reason);
        }
        return value;
    }
}
