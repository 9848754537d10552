package org.civicdesk.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.civicdesk.collections.DepositRequirementPolicy.CreditCheck;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;

class CollectionsPoliciesTest {

    private final CollectionsRules rules = CollectionsRules.cityProfile(LocalDate.of(2020, 1, 1));
    private final DepositRequirementPolicy requirement = new DepositRequirementPolicy(rules);
    private final DepositAmountPolicy deposit = new DepositAmountPolicy(rules);
    private final LateFeePolicy lateFee = new LateFeePolicy(rules);
    private final DisconnectEligibilityPolicy disconnect = new DisconnectEligibilityPolicy(rules);
    private final ArrangementEligibilityPolicy arrangement = new ArrangementEligibilityPolicy(rules);
    private final ExtensionPolicy extension = new ExtensionPolicy(rules);

    private static Money m(String s) {
        return Money.of(s);
    }

    // ---- deposit requirement

    @Test
    void twelveGoodMonthsWaiveTheResidentialDeposit() {
        Decision d = requirement.decide(new DepositRequirementPolicy.Facts("RESIDENTIAL", 12, 0, 0, false, CreditCheck.NOT_RUN, false));
        assertThat(d.granted()).isFalse();
        assertThat(d.reasons()).anyMatch(r -> r.contains("12 months of service") && r.contains("good history"));
    }

    @Test
    void elevenMonthsOrALateOrReturnedPaymentDoNotWaiveIt() {
        assertThat(requirement.decide(new DepositRequirementPolicy.Facts("RESIDENTIAL", 11, 0, 0, false, CreditCheck.NOT_RUN, false)).granted()).isTrue();
        assertThat(requirement.decide(new DepositRequirementPolicy.Facts("RESIDENTIAL", 20, 1, 0, false, CreditCheck.NOT_RUN, false)).granted()).isTrue();
        Decision returned = requirement.decide(new DepositRequirementPolicy.Facts("RESIDENTIAL", 20, 0, 1, false, CreditCheck.FAILED, false));
        assertThat(returned.granted()).isTrue();
        assertThat(returned.reasons()).contains("Credit check: failed.", "Deposit required: none of the three waives it.");
    }

    @Test
    void aLetterOfGoodCreditOrAPassedCreditCheckWaiveIt() {
        assertThat(requirement.decide(new DepositRequirementPolicy.Facts("RESIDENTIAL", 0, 0, 0, true, CreditCheck.NOT_RUN, false)).granted()).isFalse();
        assertThat(requirement.decide(new DepositRequirementPolicy.Facts("RESIDENTIAL", 0, 0, 0, false, CreditCheck.PASSED, false)).granted()).isFalse();
    }

    @Test
    void commercialNeedsADepositUnlessASuretyBondReplacesIt() {
        assertThat(requirement.decide(new DepositRequirementPolicy.Facts("COMMERCIAL", 24, 0, 0, true, CreditCheck.PASSED, false)).granted()).isTrue();
        Decision bonded = requirement.decide(new DepositRequirementPolicy.Facts("COMMERCIAL", 0, 0, 0, false, CreditCheck.NOT_RUN, true));
        assertThat(bonded.granted()).isFalse();
        assertThat(bonded.reasons().get(0)).contains("surety bond");
    }

    // ---- deposit amount

    @Test
    void residentialIsTwiceTheAverageRoundedUpToFiveDollars() {
        Decision d = deposit.compute(new DepositAmountPolicy.Facts("RESIDENTIAL", Set.of("ELECTRIC"),
                List.of(m("100.00"), m("120.00"), m("131.00"))));
        // average 117.00, x2 = 234.00, next $5 = 235.00
        assertThat(d.amount()).isEqualTo(m("235.00"));
        assertThat(d.reasons().get(0)).contains("2 x the average of 3 monthly bills", "$117.00", "$234.00");
        assertThat(d.reasons().get(1)).contains("$235.00");
    }

    @Test
    void anExactMultipleOfFiveStays() {
        assertThat(deposit.compute(new DepositAmountPolicy.Facts("RESIDENTIAL", Set.of("GAS"), List.of(m("50.00")))).amount())
                .isEqualTo(m("100.00"));
        assertThat(deposit.roundUp(m("100.01"))).isEqualTo(m("105.00"));
    }

    @Test
    void withoutHistoryTheDefaultsPerServiceAdd() {
        Decision d = deposit.compute(new DepositAmountPolicy.Facts("RESIDENTIAL", Set.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE"), List.of()));
        assertThat(d.amount()).isEqualTo(m("250.00"));
        assertThat(d.reasons().get(0)).contains("electric $120.00", "gas $60.00", "water, wastewater and solid waste $70.00");
    }

    @Test
    void commercialIsTwoAndAHalfTimesTheHighestBill() {
        Decision d = deposit.compute(new DepositAmountPolicy.Facts("COMMERCIAL", Set.of("ELECTRIC", "WATER"),
                List.of(m("400.00"), m("1001.00"), m("700.00"))));
        // 2.5 x 1001.00 = 2502.50 -> 2505.00
        assertThat(d.amount()).isEqualTo(m("2505.00"));
        assertThat(d.reasons().get(0)).contains("2.5 x the highest", "$1,001.00");
    }

    @Test
    void solidWasteOnlyIsOneMonth() {
        assertThat(deposit.compute(new DepositAmountPolicy.Facts("RESIDENTIAL", Set.of("SOLID_WASTE"), List.of())).amount())
                .isEqualTo(m("30.00"));
        assertThat(deposit.compute(new DepositAmountPolicy.Facts("COMMERCIAL", Set.of("SOLID_WASTE"), List.of(m("80.00"), m("90.00")))).amount())
                .isEqualTo(m("85.00"));
    }

    @Test
    void installmentsAreAtMostThreeAndAddUp() {
        assertThat(deposit.installments(m("100.00"), 3)).containsExactly(m("33.34"), m("33.33"), m("33.33"));
        assertThatThrownBy(() -> deposit.installments(m("100.00"), 4)).hasMessageContaining("1 to 3");
    }

    @Property
    void aDepositIsAlwaysAMultipleOfFiveAndNeverLessThanItsComputation(
            @ForAll @LongRange(min = 0, max = 5_000_000) long cents1, @ForAll @LongRange(min = 1, max = 5_000_000) long cents2,
            @ForAll boolean commercial) {
        List<Money> bills = List.of(Money.ofCents(cents1), Money.ofCents(cents2));
        Decision d = deposit.compute(new DepositAmountPolicy.Facts(commercial ? "COMMERCIAL" : "RESIDENTIAL", Set.of("WATER"), bills));
        assertThat(d.amount().cents() % 500).isZero();
        assertThat(d.amount().isPositive()).isTrue();
    }

    @Property
    void installmentsAlwaysAddUpToTheDeposit(@ForAll @LongRange(min = 0, max = 10_000_000) long cents,
            @ForAll @IntRange(min = 1, max = 3) int count) {
        List<Money> parts = deposit.installments(Money.ofCents(cents), count);
        assertThat(parts).hasSize(count);
        assertThat(parts.stream().reduce(Money.ZERO, Money::plus)).isEqualTo(Money.ofCents(cents));
    }

    // ---- late fee

    private final LocalDate due = LocalDate.of(2026, 3, 10);

    @Test
    void lateFeeIsOnePointFivePercentOfThePastDueFiveDaysAfterTheDueDate() {
        Decision d = lateFee.assess(new LateFeePolicy.Facts(7, due, m("200.00"), false, LocalDate.of(2026, 3, 15)));
        assertThat(d.amount()).isEqualTo(m("3.00"));
        assertThat(d.reasons()).anyMatch(r -> r.contains("1.5% of it: $3.00"));
    }

    @Test
    void noLateFeeBeforeTheFifthDay() {
        Decision d = lateFee.assess(new LateFeePolicy.Facts(7, due, m("200.00"), false, LocalDate.of(2026, 3, 14)));
        assertThat(d.granted()).isFalse();
        assertThat(d.reasons().get(0)).contains("2026-03-15");
    }

    @Test
    void minimumOneDollarAndNoneUnderFiveDollars() {
        assertThat(lateFee.assess(new LateFeePolicy.Facts(7, due, m("5.00"), false, LocalDate.of(2026, 3, 15))).amount()).isEqualTo(m("1.00"));
        assertThat(lateFee.assess(new LateFeePolicy.Facts(7, due, m("66.66"), false, LocalDate.of(2026, 3, 15))).amount()).isEqualTo(m("1.00"));
        assertThat(lateFee.assess(new LateFeePolicy.Facts(7, due, m("66.67"), false, LocalDate.of(2026, 3, 15))).amount()).isEqualTo(m("1.00"));
        assertThat(lateFee.assess(new LateFeePolicy.Facts(7, due, m("70.00"), false, LocalDate.of(2026, 3, 15))).amount()).isEqualTo(m("1.05"));
        Decision under = lateFee.assess(new LateFeePolicy.Facts(7, due, m("4.99"), false, LocalDate.of(2026, 3, 15)));
        assertThat(under.granted()).isFalse();
        assertThat(under.reasons().get(0)).contains("under $5.00");
    }

    @Property
    void aLateFeeIsNeverChargedTwiceForOneBill(@ForAll @LongRange(min = 0, max = 100_000_000) long cents,
            @ForAll @IntRange(min = 0, max = 400) int daysLate) {
        LocalDate today = due.plusDays(daysLate);
        Decision first = lateFee.assess(new LateFeePolicy.Facts(9, due, Money.ofCents(cents), false, today));
        Decision again = lateFee.assess(new LateFeePolicy.Facts(9, due, Money.ofCents(cents), first.granted(), today));
        if (first.granted()) {
            assertThat(again.granted()).isFalse();
            assertThat(first.amount()).isGreaterThanOrEqualTo(rules.lateFeeMinimum());
        }
        assertThat(first.granted()).isEqualTo(daysLate >= 5 && cents >= 500);
    }

    // ---- disconnect

    private DisconnectEligibilityPolicy.Facts cut(LocalDate today, String cls, Set<String> services, String pastDue) {
        return new DisconnectEligibilityPolicy.Facts(today, cls, services, m(pastDue), Money.ZERO, false, false, null, false);
    }

    @Test
    void disconnectNeedsTheThreshold() {
        LocalDate oct2 = LocalDate.of(2026, 10, 2);
        assertThat(disconnect.decide(cut(oct2, "RESIDENTIAL", Set.of("ELECTRIC"), "149.99")).decision().granted()).isFalse();
        var yes = disconnect.decide(cut(oct2, "RESIDENTIAL", Set.of("ELECTRIC", "SOLID_WASTE"), "150.00"));
        assertThat(yes.decision().granted()).isTrue();
        assertThat(yes.services()).containsExactly("ELECTRIC");
    }

    @Test
    void summerMoratoriumProtectsResidentialElectricAndWaterButNotGasNorCommercial() {
        LocalDate jul15 = LocalDate.of(2026, 7, 15);
        var water = disconnect.decide(cut(jul15, "RESIDENTIAL", Set.of("ELECTRIC", "WATER"), "400.00"));
        assertThat(water.decision().granted()).isFalse();
        assertThat(water.decision().reasons()).anyMatch(r -> r.startsWith("Summer moratorium (06-01 to 09-30)"));
        var gas = disconnect.decide(cut(jul15, "RESIDENTIAL", Set.of("ELECTRIC", "GAS"), "400.00"));
        assertThat(gas.services()).containsExactly("GAS");
        assertThat(disconnect.decide(cut(jul15, "COMMERCIAL", Set.of("ELECTRIC"), "400.00")).decision().granted()).isTrue();
        assertThat(disconnect.decide(cut(LocalDate.of(2026, 6, 1), "RESIDENTIAL", Set.of("WATER"), "400.00")).decision().granted()).isFalse();
        assertThat(disconnect.decide(cut(LocalDate.of(2026, 9, 30), "RESIDENTIAL", Set.of("WATER"), "400.00")).decision().granted()).isFalse();
        assertThat(disconnect.decide(cut(LocalDate.of(2026, 5, 31), "RESIDENTIAL", Set.of("WATER"), "400.00")).decision().granted()).isTrue();
        assertThat(disconnect.decide(cut(LocalDate.of(2026, 10, 1), "RESIDENTIAL", Set.of("WATER"), "400.00")).decision().granted()).isTrue();
    }

    @Test
    void everyProtectionIsListed() {
        LocalDate today = LocalDate.of(2026, 11, 20);
        var f = new DisconnectEligibilityPolicy.Facts(today, "RESIDENTIAL", Set.of("ELECTRIC"), m("500.00"), m("400.00"),
                true, true, today.minusDays(29), true);
        var answer = disconnect.decide(f);
        assertThat(answer.decision().granted()).isFalse();
        assertThat(answer.decision().reasons()).anyMatch(r -> r.contains("dispute on $400.00"))
                .anyMatch(r -> r.contains("outside the dispute $100.00 is under"))
                .anyMatch(r -> r.contains("Bankruptcy")).anyMatch(r -> r.contains("arrangement is current"))
                .anyMatch(r -> r.contains("until 2026-11-21")).anyMatch(r -> r.contains("heat day"));
    }

    @Test
    void aMedicalCertificateProtectsThirtyDays() {
        LocalDate today = LocalDate.of(2026, 11, 20);
        var expired = new DisconnectEligibilityPolicy.Facts(today, "RESIDENTIAL", Set.of("ELECTRIC"), m("500.00"), Money.ZERO,
                false, false, today.minusDays(30), false);
        assertThat(disconnect.decide(expired).decision().granted()).isTrue();
        assertThat(disconnect.decide(expired).decision().reasons()).anyMatch(r -> r.contains("expired on 2026-11-20"));
    }

    // ---- arrangements

    private ArrangementEligibilityPolicy.Facts plan(int count, int broken, Integer months) {
        return new ArrangementEligibilityPolicy.Facts(m("300.00"), count, broken, false, false, false, false, months);
    }

    @Test
    void arrangementUpToSixMonths() {
        Decision six = arrangement.decide(plan(0, 0, 6));
        assertThat(six.granted()).isTrue();
        assertThat(six.amount()).isEqualTo(m("50.00"));
        Decision seven = arrangement.decide(plan(0, 0, 7));
        assertThat(seven.granted()).isFalse();
        assertThat(seven.reasons().get(0)).contains("1 to 6 months; 7 asked");
    }

    @Test
    void fourArrangementsOrTwoBrokenInAYearMakeAnAccountIneligible() {
        assertThat(arrangement.decide(plan(3, 1, 3)).granted()).isTrue();
        assertThat(arrangement.decide(plan(4, 0, 3)).reasons().get(0)).contains("4 arrangements in the last 12 months");
        assertThat(arrangement.decide(plan(2, 2, 3)).reasons().get(0)).contains("2 broken arrangements");
    }

    @Test
    void budgetBillingFinalBillAndAReturnedLastPaymentAreEachListed() {
        Decision d = arrangement.decide(new ArrangementEligibilityPolicy.Facts(m("300.00"), 0, 0, true, true, true, false, 3));
        assertThat(d.granted()).isFalse();
        assertThat(d.reasons()).contains("The account is on budget billing.", "The account has a final bill.",
                "The last payment was returned.", "Not eligible for a payment arrangement.");
        assertThat(arrangement.decide(new ArrangementEligibilityPolicy.Facts(Money.ZERO, 0, 0, false, false, false, false, null)).granted()).isFalse();
    }

    // ---- extensions

    @Test
    void anExtensionMovesOneBillUpToTenDaysOnce() {
        LocalDate today = LocalDate.of(2026, 3, 5);
        assertThat(extension.decide(new ExtensionPolicy.Facts(5, due, false, false, due.plusDays(10), today)).granted()).isTrue();
        Decision eleven = extension.decide(new ExtensionPolicy.Facts(5, due, false, false, due.plusDays(11), today));
        assertThat(eleven.granted()).isFalse();
        assertThat(eleven.reasons().get(0)).contains("at most 10 days", "latest 2026-03-20");
        assertThat(extension.decide(new ExtensionPolicy.Facts(5, due, false, true, due.plusDays(3), today)).reasons())
                .contains("Bill 5 was already extended once.");
        assertThat(extension.decide(new ExtensionPolicy.Facts(5, due, true, false, due.plusDays(3), today)).granted()).isFalse();
        assertThat(extension.decide(new ExtensionPolicy.Facts(5, due, false, false, due, today)).granted()).isFalse();
    }

    // ---- keyed reasons (the portal says them in the customer's language)

    @Test
    void anIneligibleArrangementGivesEachRefusalAsAKeyWithItsValues() {
        Decision d = arrangement.decide(plan(4, 2, 7));
        assertThat(d.keyed()).containsExactly(
                Decision.Reason.of(ArrangementEligibilityPolicy.TOO_MANY, 4, 3),
                Decision.Reason.of(ArrangementEligibilityPolicy.TOO_MANY_BROKEN, 2, 2),
                Decision.Reason.of(ArrangementEligibilityPolicy.MONTHS_OUT_OF_RANGE, 6, 7),
                Decision.Reason.of(ArrangementEligibilityPolicy.NOT_ELIGIBLE));
        assertThat(d.reasons()).hasSize(4);
        Decision yes = arrangement.decide(plan(0, 0, 6));
        assertThat(yes.keyed().get(1)).isEqualTo(Decision.Reason.of(ArrangementEligibilityPolicy.ELIGIBLE_INSTALLMENTS,
                m("300.00"), 6, m("50.00")));
    }

    @Property
    void everyArrangementLineHasItsKeyedTwin(@ForAll @IntRange(min = 0, max = 900) int pastDueDollars,
            @ForAll @IntRange(max = 6) int count, @ForAll @IntRange(max = 3) int broken, @ForAll boolean budget,
            @ForAll boolean finalBill, @ForAll boolean returned, @ForAll boolean current,
            @ForAll @IntRange(min = -1, max = 9) int months) {
        Decision d = arrangement.decide(new ArrangementEligibilityPolicy.Facts(Money.of(java.math.BigDecimal.valueOf(pastDueDollars)),
                count, broken, budget, finalBill, returned, current, months < 0 ? null : months));
        assertThat(d.keyed()).hasSameSizeAs(d.reasons());
        assertThat(d.keyed()).allMatch(r -> ArrangementEligibilityPolicy.KEYS.contains(r.key()));
        assertThat(d.keyed().get(d.keyed().size() - 1).key()).isEqualTo(d.granted()
                ? (months < 0 ? ArrangementEligibilityPolicy.ELIGIBLE : ArrangementEligibilityPolicy.ELIGIBLE_INSTALLMENTS)
                : ArrangementEligibilityPolicy.NOT_ELIGIBLE);
    }

    @Test
    void anExtensionPastTheLimitGivesTheLimitAndTheLatestDate() {
        LocalDate today = LocalDate.of(2026, 3, 5);
        Decision eleven = extension.decide(new ExtensionPolicy.Facts(5, due, false, false, due.plusDays(11), today));
        assertThat(eleven.keyed()).containsExactly(Decision.Reason.of(ExtensionPolicy.TOO_LONG, 10, due.plusDays(11), 11L,
                due, LocalDate.of(2026, 3, 20)));
        Decision twice = extension.decide(new ExtensionPolicy.Facts(5, due, true, true, null, today));
        assertThat(twice.keyed()).extracting(Decision.Reason::key).containsExactly(ExtensionPolicy.BILL_CANCELLED,
                ExtensionPolicy.ALREADY_EXTENDED, ExtensionPolicy.DATE_MISSING);
        assertThat(twice.keyed()).hasSameSizeAs(twice.reasons());
        Decision ok = extension.decide(new ExtensionPolicy.Facts(5, due, false, false, due.plusDays(3), today));
        assertThat(ok.keyed()).containsExactly(Decision.Reason.of(ExtensionPolicy.MOVES, 5L, due, 3L, due.plusDays(3), 10));
    }

    @Test
    void policiesWithoutKeysKeepTheirEnglishLinesOnly() {
        Decision d = lateFee.assess(new LateFeePolicy.Facts(7, due, m("200.00"), false, LocalDate.of(2026, 3, 15)));
        assertThat(d.hasKeyedReasons()).isFalse();
        assertThat(d.keyed()).isEmpty();
        assertThatThrownBy(() -> new Decision(true, null, List.of("one", "two"), List.of(Decision.Reason.of("k"))))
                .hasMessageContaining("every line or for none");
    }

    @Test
    void aDecisionAlwaysSaysWhy() {
        assertThatThrownBy(() -> Decision.yes(new ArrayList<>())).hasMessageContaining("says why");
    }
}
