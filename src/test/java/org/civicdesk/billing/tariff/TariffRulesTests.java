package org.civicdesk.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.billing.tariff.DemoBook.line;
import static org.civicdesk.billing.tariff.DemoBook.m;
import static org.civicdesk.billing.tariff.DemoBook.rate;
import static org.civicdesk.billing.tariff.DemoBook.request;
import static org.civicdesk.billing.tariff.DemoBook.tax;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.platform.BusinessRuleViolation;
import org.junit.jupiter.api.Test;

/** tariffs.md rules 1-7 and the worked example, against the seeded demo book. */
class TariffRulesTests {

    @Test
    void theWorkedExampleBillsW11AndS11To114Dollars88() {
        // 30 days (2026-02-08 to 2026-03-10), 12 kgal, WQA 6.50
        RatedService water = rate(request("W1.1", "2026-02-08", "2026-03-10", "12"));
        RatedService sewer = rate(request("S1.1", "2026-02-08", "2026-03-10", "12", null, "6.50", Map.of()));

        assertThat(water.days()).isEqualTo(30);
        assertThat(water.lines()).extracting(RatedLine::part, RatedLine::quantity, RatedLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SERVICE_CHARGE", new BigDecimal("1"), m("24.50")),
                org.assertj.core.groups.Tuple.tuple("WATER_1", new BigDecimal("7"), m("30.45")),
                org.assertj.core.groups.Tuple.tuple("WATER_2", new BigDecimal("2"), m("11.90")));
        assertThat(water.charges()).isEqualTo(m("66.85"));
        assertThat(water.tax()).isEqualTo(m("5.55"));
        assertThat(water.total()).isEqualTo(m("72.40"));
        assertThat(water.fund()).isEqualTo("WATER");

        assertThat(sewer.lines()).extracting(RatedLine::part, RatedLine::quantity, RatedLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SERVICE_CHARGE", new BigDecimal("1"), m("18.75")),
                org.assertj.core.groups.Tuple.tuple("VOLUME", new BigDecimal("6.5"), m("23.73")));
        assertThat(sewer.taxes()).isEmpty();
        assertThat(sewer.total()).isEqualTo(m("42.48"));

        assertThat(water.total().plus(sewer.total())).isEqualTo(m("114.88"));
    }

    @Test
    void rule1ThePeriodIsTheDaysAfterThePreviousReadUpToTheReadDate() {
        RatedService s = rate(request("W1.1", "2026-02-28", "2026-03-31", "5"));
        assertThat(s.days()).isEqualTo(31);
        assertThat(s.lines()).allSatisfy(l -> {
            assertThat(l.from()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(l.to()).isEqualTo(LocalDate.of(2026, 3, 31));
        });
        assertThatThrownBy(() -> rate(request("W1.1", "2026-03-31", "2026-03-31", "5")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("readDate"));
    }

    @Test
    void rule2UnitsAreWholeAndDemandHasOneDecimal() {
        assertThatThrownBy(() -> rate(request("W1.1", "2026-02-08", "2026-03-10", "12.5")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("consumption"));
        assertThatThrownBy(() -> rate(request("E3.1", "2026-02-08", "2026-03-10", "1000", "50.15", null, Map.of())))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("demandKw"));
        // a scale of 4 with whole units is fine (bill_service stores numeric(14,4))
        assertThat(rate(request("W1.1", "2026-02-08", "2026-03-10", "12.0000")).charges()).isEqualTo(m("66.85"));
    }

    @Test
    void rule3TheReadDateChoosesTheSeason() {
        // 1200 kWh in 30 days: summer read on May 1, winter read on April 30
        RatedService summer = rate(request("E1.1", "2026-04-01", "2026-05-01", "1200"));
        RatedService winter = rate(request("E1.1", "2026-03-31", "2026-04-30", "1200"));
        assertThat(summer.lines()).extracting(RatedLine::part).containsExactly("CUSTOMER_CHARGE", "ENERGY_SUMMER_1",
                "ENERGY_SUMMER_2", "ENERGY_SUMMER_3", "EECAF");
        assertThat(line(summer, "ENERGY_SUMMER_1")).isEqualTo(m("35.60"));
        assertThat(line(summer, "ENERGY_SUMMER_2")).isEqualTo(m("67.20"));
        assertThat(line(summer, "ENERGY_SUMMER_3")).isEqualTo(m("26.20"));
        assertThat(line(summer, "EECAF")).isEqualTo(m("39.00"));
        assertThat(summer.charges()).isEqualTo(m("181.00"));
        assertThat(winter.lines()).extracting(RatedLine::part).containsExactly("CUSTOMER_CHARGE", "ENERGY_WINTER_1",
                "ENERGY_WINTER_2", "EECAF");
        assertThat(winter.charges()).isEqualTo(m("154.20"));
        // October is summer, November winter
        assertThat(rate(request("E3.1", "2026-09-30", "2026-10-31", "100", "10.0", null, Map.of())).lines())
                .extracting(RatedLine::part).contains("ENERGY_SUMMER");
        assertThat(rate(request("E3.1", "2026-10-31", "2026-11-30", "100", "10.0", null, Map.of())).lines())
                .extracting(RatedLine::part).contains("ENERGY_WINTER");
    }

    @Test
    void rule4AStandardMonthOf25To35DaysIsBilledWhole() {
        for (String previous : List.of("2026-02-13", "2026-02-03")) { // 25 and 35 days to 2026-03-10
            RatedService s = rate(request("W1.1", previous, "2026-03-10", "12"));
            assertThat(s.charges()).isEqualTo(m("66.85"));
        }
    }

    @Test
    void rule4AShortPeriodProratesFixedChargesAndBlockBoundaries() {
        // 20 days: factor 0.6667; boundaries 3 -> 2.0001, 10 -> 6.6670, 24 -> 16.0008
        RatedService s = rate(request("W1.1", "2026-02-18", "2026-03-10", "12"));
        assertThat(s.lines()).extracting(RatedLine::part, RatedLine::quantity, RatedLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SERVICE_CHARGE", new BigDecimal("0.6667"), m("16.33")),
                org.assertj.core.groups.Tuple.tuple("WATER_1", new BigDecimal("4.6669"), m("20.30")),
                org.assertj.core.groups.Tuple.tuple("WATER_2", new BigDecimal("5.333"), m("31.73")));
        // 24 days is short too
        assertThat(rate(request("W1.1", "2026-02-14", "2026-03-10", "0")).lines().get(0).quantity())
                .isEqualByComparingTo("0.8");
    }

    @Test
    void rule4ALongPeriodProratesToo() {
        // 40 days: factor 1.3333; boundaries 3 -> 3.9999, 10 -> 13.3330
        RatedService s = rate(request("W1.1", "2026-01-29", "2026-03-10", "12"));
        assertThat(line(s, "SERVICE_CHARGE")).isEqualTo(m("32.67"));
        assertThat(s.lines()).filteredOn(l -> l.part().equals("WATER_1")).singleElement()
                .satisfies(l -> assertThat(l.quantity()).isEqualByComparingTo("8.0001"));
        assertThat(line(s, "WATER_1")).isEqualTo(m("34.80"));
        assertThat(s.lines()).extracting(RatedLine::part).doesNotContain("WATER_2");
        // 36 days is long
        assertThat(rate(request("W1.1", "2026-02-02", "2026-03-10", "0")).lines().get(0).quantity())
                .isEqualByComparingTo("1.2");
    }

    @Test
    void rule5TheEecafChangeOnJuly1SplitsThePeriod15And15() {
        RatedService s = rate(request("E1.1", "2026-06-15", "2026-07-15", "900"));
        assertThat(s.days()).isEqualTo(30);
        List<RatedLine> june = s.lines().stream().filter(l -> l.to().equals(LocalDate.of(2026, 6, 30))).toList();
        List<RatedLine> july = s.lines().stream().filter(l -> l.from().equals(LocalDate.of(2026, 7, 1))).toList();
        assertThat(june).allSatisfy(l -> assertThat(l.from()).isEqualTo(LocalDate.of(2026, 6, 16)));
        assertThat(july).allSatisfy(l -> assertThat(l.to()).isEqualTo(LocalDate.of(2026, 7, 15)));
        assertThat(june.size() + july.size()).isEqualTo(s.lines().size());
        // each half: 450 kWh, customer charge x 15/30, summer boundaries 400 -> 200 and 1000 -> 500
        for (List<RatedLine> half : List.of(june, july)) {
            assertThat(half).extracting(RatedLine::part, RatedLine::quantity).startsWith(
                    org.assertj.core.groups.Tuple.tuple("CUSTOMER_CHARGE", new BigDecimal("0.5")),
                    org.assertj.core.groups.Tuple.tuple("ENERGY_SUMMER_1", new BigDecimal("200")),
                    org.assertj.core.groups.Tuple.tuple("ENERGY_SUMMER_2", new BigDecimal("250")));
            assertThat(half.get(0).amount()).isEqualTo(m("6.50"));
            assertThat(half.get(1).amount()).isEqualTo(m("17.80"));
            assertThat(half.get(2).amount()).isEqualTo(m("28.00"));
        }
        RatedLine oldFuel = june.stream().filter(l -> l.part().equals("EECAF")).findFirst().orElseThrow();
        RatedLine newFuel = july.stream().filter(l -> l.part().equals("EECAF")).findFirst().orElseThrow();
        assertThat(oldFuel.unitPrice()).isEqualByComparingTo("0.0325");
        assertThat(oldFuel.amount()).isEqualTo(m("14.63")); // 450 x 0.0325 = 14.625
        assertThat(oldFuel.version()).isEqualTo("EECAF from 2026-01-01");
        assertThat(newFuel.unitPrice()).isEqualByComparingTo("0.0290");
        assertThat(newFuel.amount()).isEqualTo(m("13.05"));
        assertThat(newFuel.version()).isEqualTo("EECAF from 2026-07-01");
        assertThat(oldFuel.versionId()).isNotEqualTo(newFuel.versionId());
        assertThat(s.charges()).isEqualTo(m("132.28"));
        assertThat(s.tax()).isEqualTo(m("10.98"));
    }

    @Test
    void rule5APartsShareOfConsumptionIsRoundedTo4DecimalsAndUsesThePeriodsSeason() {
        // 2026-06-20 -> 2026-07-11: 21 days (short), 10 in June, 11 in July; 1001 kWh
        RatedService s = rate(request("E1.1", "2026-06-20", "2026-07-11", "1001"));
        List<RatedLine> fuel = s.lines().stream().filter(l -> l.part().equals("EECAF")).toList();
        assertThat(fuel).extracting(RatedLine::quantity).containsExactly(new BigDecimal("476.6667"),
                new BigDecimal("524.3333"));
        // fixed charge per part x part days/30, whatever the period length
        assertThat(s.lines()).filteredOn(l -> l.part().equals("CUSTOMER_CHARGE")).extracting(RatedLine::quantity)
                .containsExactly(new BigDecimal("0.3333"), new BigDecimal("0.3667"));
        // both parts take the period's season (read in July: summer)
        assertThat(s.lines()).extracting(RatedLine::part).noneMatch(p -> p.startsWith("ENERGY_WINTER"));
    }

    @Test
    void rule6EachLineIsRoundedAndTaxIsOnTheSumOfRoundedTaxableLines() {
        RatedService s = rate(request("E1.1", "2026-06-15", "2026-07-15", "900"));
        // 132.28 x 8.3% = 10.979 -> 10.98; parts 7.41 + 0.93 + 2.65 = 10.99, the extra cent comes off STATE
        assertThat(tax(s, "STATE")).isEqualTo(m("7.40"));
        assertThat(tax(s, "COUNTY")).isEqualTo(m("0.93"));
        assertThat(tax(s, "CITY")).isEqualTo(m("2.65"));
        assertThat(s.taxes()).allSatisfy(t -> assertThat(t.base()).isEqualTo(m("132.28")));
        assertThat(s.taxes()).extracting(t -> t.rate().stripTrailingZeros().toPlainString())
                .containsExactly("0.056", "0.007", "0.02");
    }

    @Test
    void rule6TheWorkedExamplesTaxSplitsIntoStateCountyAndCity() {
        RatedService water = rate(request("W1.1", "2026-02-08", "2026-03-10", "12"));
        assertThat(tax(water, "STATE")).isEqualTo(m("3.74"));
        assertThat(tax(water, "COUNTY")).isEqualTo(m("0.47"));
        assertThat(tax(water, "CITY")).isEqualTo(m("1.34"));
    }

    @Test
    void rule7ZeroConsumptionBillsOnlyTheFixedChargesAndNegativeIsRefused() {
        RatedService s = rate(request("W1.1", "2026-02-08", "2026-03-10", "0"));
        assertThat(s.lines()).extracting(RatedLine::part).containsExactly("SERVICE_CHARGE");
        assertThat(s.charges()).isEqualTo(m("24.50"));
        RatedService sewer = rate(request("S1.1", "2026-02-08", "2026-03-10", "0", null, "6.50", Map.of()));
        assertThat(sewer.charges()).isEqualTo(m("18.75"));
        assertThatThrownBy(() -> rate(request("W1.1", "2026-02-08", "2026-03-10", "-3")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("consumption"));
    }

    @Test
    void refusalsNameTheField() {
        assertThatThrownBy(() -> rate(request("X9.9", "2026-02-08", "2026-03-10", "1")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("rateSchedule"));
        assertThatThrownBy(() -> rate(request("W1.1", "2025-12-01", "2026-01-01", "1")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.problems().get(0).field()).isEqualTo("previousReadDate");
                    assertThat(e.getMessage()).contains("2025-12-02").contains("2026-01-01");
                });
        assertThatThrownBy(() -> rate(request("W1.1", "2026-02-08", "2026-03-10", null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("consumption"));
        assertThatThrownBy(() -> rate(request("E3.1", "2026-02-08", "2026-03-10", "100")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("demandKw"));
    }

    @Test
    void s11UsesTheClassDefaultWqaOf7WhenTheCustomerHasNone() {
        RatedService s = rate(request("S1.1", "2026-02-08", "2026-03-10", "12"));
        assertThat(s.lines().get(1).quantity()).isEqualByComparingTo("7");
        assertThat(line(s, "VOLUME")).isEqualTo(m("25.55"));
        // the cap is WQA x days/30 to 2 decimals: 6.50 x 31/30 = 6.7166 -> 6.72
        RatedService longer = rate(request("S1.1", "2026-02-07", "2026-03-10", "12", null, "6.50", Map.of()));
        assertThat(longer.lines().get(1).quantity()).isEqualByComparingTo("6.72");
        // less water than the cap bills the water
        assertThat(rate(request("S1.1", "2026-02-08", "2026-03-10", "4", null, "6.50", Map.of())).lines().get(1)
                .quantity()).isEqualByComparingTo("4");
    }

    @Test
    void e11WithTheRenewableRider() {
        RatedService s = rate(request("E1.1", "2026-02-08", "2026-03-10", "800", null, null,
                Map.of("RENEWABLE_RIDER", "1")));
        assertThat(line(s, "RENEWABLE_RIDER")).isEqualTo(m("8.00"));
        assertThat(line(s, "ENERGY_WINTER_1")).isEqualTo(m("67.20"));
        assertThat(line(s, "EECAF")).isEqualTo(m("26.00"));
        assertThat(rate(request("E1.1", "2026-02-08", "2026-03-10", "800")).lines()).extracting(RatedLine::part)
                .doesNotContain("RENEWABLE_RIDER");
    }

    @Test
    void g11GasWithItsCostAdjuster() {
        RatedService s = rate(request("G1.1", "2026-02-08", "2026-03-10", "40"));
        assertThat(line(s, "CUSTOMER_CHARGE")).isEqualTo(m("12.50"));
        assertThat(line(s, "GAS_1")).isEqualTo(m("17.00"));
        assertThat(line(s, "GAS_2")).isEqualTo(m("7.65"));
        assertThat(line(s, "PNGCAF")).isEqualTo(m("18.80"));
        assertThat(s.charges()).isEqualTo(m("55.95"));
        assertThat(s.tax()).isEqualTo(m("4.64")); // 55.95 x 8.3% = 4.64385
        assertThat(s.fund()).isEqualTo("GAS");
    }

    @Test
    void e31DemandChargeOnlyAbove50Kw() {
        RatedService at50 = rate(request("E3.1", "2026-02-08", "2026-03-10", "10000", "50.0", null, Map.of()));
        RatedService above = rate(request("E3.1", "2026-02-08", "2026-03-10", "10000", "50.1", null, Map.of()));
        assertThat(at50.lines()).extracting(RatedLine::part).doesNotContain("DEMAND");
        assertThat(line(above, "DEMAND")).isEqualTo(m("176.35")); // all 50.1 kW x 3.52
        assertThat(line(above, "ENERGY_WINTER")).isEqualTo(m("890.00"));
        assertThat(line(above, "EECAF")).isEqualTo(m("325.00"));
        assertThat(above.charges()).isEqualTo(m("1416.35"));
        assertThat(above.lines()).allSatisfy(l -> assertThat(l.account()).isEqualTo("4020"));
    }

    @Test
    void w31ServiceChargeByMeterSize() {
        assertThat(line(rate(w31("0.625")), "SERVICE_CHARGE_5_8")).isEqualTo(m("24.50"));
        assertThat(line(rate(w31("1")), "SERVICE_CHARGE_1")).isEqualTo(m("38.00"));
        RatedService two = rate(w31("2"));
        assertThat(two.lines()).extracting(RatedLine::part).containsExactly("SERVICE_CHARGE_2", "WATER");
        assertThat(two.charges()).isEqualTo(m("146.00")); // 95.00 + 10 x 5.10, none included
        assertThatThrownBy(() -> rate(request("W3.1", "2026-02-08", "2026-03-10", "10")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.problems().get(0).field()).isEqualTo("options.METER_SIZE");
                    assertThat(e.getMessage()).contains("0.625, 1, 2");
                });
        assertThatThrownBy(() -> rate(w31("3"))).isInstanceOfSatisfying(BusinessRuleViolation.class,
                e -> assertThat(e.problems().get(0).field()).isEqualTo("options.METER_SIZE"));
    }

    private static RatingRequest w31(String size) {
        return request("W3.1", "2026-02-08", "2026-03-10", "10", null, null, Map.of("METER_SIZE", size));
    }

    @Test
    void s31BillsAllWater() {
        RatedService s = rate(request("S3.1", "2026-02-08", "2026-03-10", "12", null, "1.00", Map.of()));
        assertThat(s.charges()).isEqualTo(m("79.20")); // 30.00 + 12 x 4.10, the WQA does not apply
        assertThat(s.taxes()).isEmpty();
        assertThat(s.fund()).isEqualTo("WASTEWATER");
    }

    @Test
    void r12ExtraAndGreenWasteBarrels() {
        RatedService s = rate(request("R1.2", "2026-02-08", "2026-03-10", null, null, null,
                Map.of("EXTRA_REFUSE_BARRELS", "2", "GREEN_WASTE_BARRELS", "1")));
        assertThat(s.lines()).extracting(RatedLine::part, RatedLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SERVICE_CHARGE", m("27.80")),
                org.assertj.core.groups.Tuple.tuple("EXTRA_REFUSE_BARREL", m("22.00")),
                org.assertj.core.groups.Tuple.tuple("GREEN_WASTE_BARREL", m("5.51")));
        assertThat(s.taxes()).isEmpty();
        assertThat(s.fund()).isEqualTo("SOLID_WASTE");
        // prorated like the fixed charge: 15 days = 0.5 month
        assertThat(rate(request("R1.2", "2026-02-23", "2026-03-10", null, null, null,
                Map.of("EXTRA_REFUSE_BARRELS", "2"))).lines().get(1).amount()).isEqualTo(m("11.00"));
    }

    @Test
    void cBinMonthlyPriceIsPerPickupTimesPickupsTimes52Over12AndExtraPickupsCost1point2Times() {
        RatedService s = rate(request("C-BIN", "2026-02-08", "2026-03-10", null, null, null,
                Map.of("BIN_YARDS", "6", "PICKUPS_PER_WEEK", "2", "EXTRA_PICKUPS", "1")));
        assertThat(s.lines()).extracting(RatedLine::part, RatedLine::unitPrice, RatedLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BIN_6_YD", new BigDecimal("255.67"), m("255.67")),
                org.assertj.core.groups.Tuple.tuple("EXTRA_PICKUP_6_YD", new BigDecimal("35.40"), m("35.40")));
        assertThat(line(rate(request("C-BIN", "2026-02-08", "2026-03-10", null, null, null,
                Map.of("BIN_YARDS", "3", "PICKUPS_PER_WEEK", "1"))), "BIN_3_YD")).isEqualTo(m("80.17"));
        assertThatThrownBy(() -> rate(request("C-BIN", "2026-02-08", "2026-03-10", null, null, null,
                Map.of("BIN_YARDS", "6")))).isInstanceOfSatisfying(BusinessRuleViolation.class,
                e -> assertThat(e.problems().get(0).field()).isEqualTo("options.PICKUPS_PER_WEEK"));
    }

    @Test
    void hydrantRentPerDayWaterAndAnUntaxedDepositOnTheFirstBill() {
        RatingRequest first = new RatingRequest("HYD", LocalDate.of(2026, 2, 8), LocalDate.of(2026, 3, 10),
                new BigDecimal("20"), null, null, Map.of(), true);
        RatedService s = rate(first);
        assertThat(s.lines()).extracting(RatedLine::part, RatedLine::amount, RatedLine::account, RatedLine::taxable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DEPOSIT", m("1500.00"), "2100", false),
                        org.assertj.core.groups.Tuple.tuple("RENT", m("120.00"), "4040", true),
                        org.assertj.core.groups.Tuple.tuple("WATER", m("102.00"), "4040", true));
        // 222.00 x 8.3% = 18.43; parts 12.43 + 1.55 + 4.44 = 18.42, the missing cent goes to STATE
        assertThat(s.tax()).isEqualTo(m("18.43"));
        assertThat(tax(s, "STATE")).isEqualTo(m("12.44"));
        assertThat(s.fund()).isEqualTo("WATER");
        assertThat(rate(request("HYD", "2026-02-08", "2026-03-10", "20")).lines()).extracting(RatedLine::part)
                .containsExactly("RENT", "WATER");
    }

    @Test
    void irrigationIsPerSeasonSubscribedAndNotProrated() {
        RatedService s = rate(request("IRR", "2026-03-01", "2026-03-10", null, null, null,
                Map.of("IRRIGATION_SEASONS", "2")));
        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.amount()).isEqualTo(m("82.00"));
            assertThat(l.account()).isEqualTo("4030");
        });
        assertThat(s.fund()).isEqualTo("WATER");
        assertThat(s.taxes()).isEmpty();
    }

    @Test
    void everyLineNamesItsVersionAndAccount() {
        RatedService s = rate(request("W1.1", "2026-02-08", "2026-03-10", "12"));
        assertThat(s.lines()).allSatisfy(l -> {
            assertThat(l.version()).isEqualTo("W1.1 v1 from 2026-01-01");
            assertThat(l.versionId()).isPositive();
            assertThat(l.account()).isEqualTo("4010");
            assertThat(l.unit()).isNotBlank();
        });
        assertThat(DemoBook.book().scheduleCodes()).containsExactlyInAnyOrder("E1.1", "G1.1", "W1.1", "S1.1", "R1.2",
                "E3.1", "W3.1", "S3.1", "C-BIN", "HYD", "IRR");
        assertThat(DemoBook.book().serviceType("HYD")).isEqualTo("HYDRANT");
    }
}
