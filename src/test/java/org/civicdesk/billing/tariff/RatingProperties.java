package org.civicdesk.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.platform.Money;

/** Properties of rating over the demo book: sums, conservation of units, splitting, no negative line. */
class RatingProperties {

    private static final LocalDate BOOK_START = LocalDate.of(2026, 1, 1);
    private static final BigDecimal COMBINED_TAX = new BigDecimal("0.083");

    @Property(tries = 300)
    void theTotalIsTheRoundedLinesPlusATaxThatSplitsExactly(@ForAll("requests") RatingRequest request) {
        RatedService s = DemoBook.rate(request);
        Money lines = s.lines().stream().map(RatedLine::amount).reduce(Money.ZERO, Money::plus);
        Money tax = s.taxes().stream().map(TaxLine::amount).reduce(Money.ZERO, Money::plus);
        assertThat(s.total()).isEqualTo(lines.plus(tax));
        Money taxable = s.lines().stream().filter(RatedLine::taxable).map(RatedLine::amount).reduce(Money.ZERO, Money::plus);
        // rule 6: the jurisdictions add up to the combined tax on the taxable rounded lines
        assertThat(tax).isEqualTo(s.taxes().isEmpty() ? Money.ZERO : Money.round(taxable.amount().multiply(COMBINED_TAX)));
        for (TaxLine t : s.taxes()) {
            Money own = Money.round(taxable.amount().multiply(t.rate()));
            assertThat(t.amount().minus(own).amount().abs()).isLessThanOrEqualTo(new BigDecimal("0.02"));
        }
        for (RatedLine l : s.lines()) {
            assertThat(l.amount().amount().scale()).isEqualTo(2);
        }
    }

    @Property(tries = 300)
    void noLineAndNoTaxIsNegative(@ForAll("requests") RatingRequest request) {
        RatedService s = DemoBook.rate(request);
        assertThat(s.lines()).allSatisfy(l -> assertThat(l.amount().isNegative()).isFalse());
        assertThat(s.taxes()).allSatisfy(t -> assertThat(t.amount().isNegative()).isFalse());
    }

    @Property(tries = 300)
    void splittingConsumptionNeitherLosesNorCreatesUnitsBeyondRounding(
            @ForAll @IntRange(min = 1, max = 45) int daysBeforeJuly, @ForAll @IntRange(min = 0, max = 45) int daysInJuly,
            @ForAll @IntRange(min = 1, max = 100_000) int kwh) {
        // the period starts daysBeforeJuly days before July 1 (its first day is the day after the previous read)
        LocalDate previous = LocalDate.of(2026, 7, 1).minusDays(daysBeforeJuly + 1);
        LocalDate read = LocalDate.of(2026, 6, 30).plusDays(daysInJuly);
        if (!read.isAfter(previous)) {
            return;
        }
        RatedService s = DemoBook.rate(new RatingRequest("E1.1", previous, read, BigDecimal.valueOf(kwh), null, null, Map.of()));
        List<RatedLine> fuel = s.lines().stream().filter(l -> l.part().equals("EECAF")).toList();
        BigDecimal billed = fuel.stream().map(RatedLine::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        // each part is rounded to 4 decimals: at most half a unit of the 4th decimal each
        assertThat(billed.subtract(BigDecimal.valueOf(kwh)).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.00005").multiply(BigDecimal.valueOf(fuel.size())));
        assertThat(fuel).hasSize(daysInJuly == 0 ? 1 : 2);
    }

    @Property(tries = 300)
    void aPeriodWithinOneVersionRatesAsTheUnsplitFormula(@ForAll @IntRange(min = 0, max = 300) int startOffset,
            @ForAll @IntRange(min = 1, max = 60) int days, @ForAll @IntRange(min = 0, max = 60) int kgal) {
        LocalDate previous = BOOK_START.plusDays(startOffset);
        LocalDate read = previous.plusDays(days);
        RatedService s = DemoBook.rate(new RatingRequest("W1.1", previous, read, BigDecimal.valueOf(kgal), null, null, Map.of()));
        // tariffs.md's formula for W1.1, written out independently of the engine
        BigDecimal factor = days >= 25 && days <= 35 ? BigDecimal.ONE
                : BigDecimal.valueOf(days).divide(BigDecimal.valueOf(30), 4, RoundingMode.HALF_UP);
        BigDecimal use = BigDecimal.valueOf(kgal);
        Money expected = Money.round(new BigDecimal("24.50").multiply(factor))
                .plus(block(use, "3", "10", "4.35", factor))
                .plus(block(use, "10", "24", "5.95", factor))
                .plus(block(use, "24", null, "7.40", factor));
        assertThat(s.charges()).isEqualTo(expected);
        assertThat(s.lines()).extracting(RatedLine::from).containsOnly(previous.plusDays(1));
    }

    private static Money block(BigDecimal use, String from, String to, String price, BigDecimal factor) {
        BigDecimal lower = new BigDecimal(from).multiply(factor).setScale(4, RoundingMode.HALF_UP);
        BigDecimal upper = to == null ? use : use.min(new BigDecimal(to).multiply(factor).setScale(4, RoundingMode.HALF_UP));
        BigDecimal units = upper.subtract(lower).max(BigDecimal.ZERO);
        return Money.round(units.multiply(new BigDecimal(price)));
    }

    @Provide
    Arbitrary<RatingRequest> requests() {
        Arbitrary<String> schedules = Arbitraries.of("E1.1", "G1.1", "W1.1", "S1.1", "R1.2", "E3.1", "W3.1", "S3.1",
                "C-BIN", "HYD", "IRR");
        Arbitrary<Integer> offsets = Arbitraries.integers().between(0, 330);
        Arbitrary<Integer> lengths = Arbitraries.integers().between(1, 70);
        Arbitrary<Integer> usage = Arbitraries.integers().between(0, 20_000);
        Arbitrary<Integer> demandTenths = Arbitraries.integers().between(0, 2_000);
        Arbitrary<Integer> wqaHundredths = Arbitraries.integers().between(0, 3_000).injectNull(0.2);
        Arbitrary<Integer> counts = Arbitraries.integers().between(0, 4);
        return net.jqwik.api.Combinators.combine(schedules, offsets, lengths, usage, demandTenths, wqaHundredths, counts,
                Arbitraries.of(true, false)).as((code, offset, length, use, demand, wqa, count, first) -> {
                    LocalDate previous = BOOK_START.plusDays(offset);
                    Map<String, BigDecimal> options = new HashMap<>();
                    options.put("RENEWABLE_RIDER", BigDecimal.valueOf(count % 2));
                    options.put("EXTRA_REFUSE_BARRELS", BigDecimal.valueOf(count));
                    options.put("GREEN_WASTE_BARRELS", BigDecimal.valueOf(count % 2));
                    options.put("METER_SIZE", List.of(new BigDecimal("0.625"), BigDecimal.ONE, new BigDecimal("2")).get(count % 3));
                    options.put("BIN_YARDS", BigDecimal.valueOf(List.of(3, 4, 6, 8).get(count % 4)));
                    options.put("PICKUPS_PER_WEEK", BigDecimal.valueOf(count + 1));
                    options.put("EXTRA_PICKUPS", BigDecimal.valueOf(count));
                    options.put("IRRIGATION_SEASONS", BigDecimal.valueOf(count));
                    return new RatingRequest(code, previous, previous.plusDays(length), BigDecimal.valueOf(use),
                            BigDecimal.valueOf(demand, 1), wqa == null ? null : BigDecimal.valueOf(wqa, 2), options, first);
                });
    }
}
