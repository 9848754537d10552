package org.civicdesk.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.billing.WinterQuarterAverage;
import org.civicdesk.billing.WinterQuarterAverage.Period;
import org.junit.jupiter.api.Test;

class WinterQuarterAverageTest {

    private static Period p(String readDate, int days, String kgal) {
        return new Period(LocalDate.parse(readDate), days, new BigDecimal(kgal));
    }

    @Test
    void decemberJanuaryAndFebruaryReadsAveragedPer30Days() {
        List<Period> history = List.of(
                p("2025-11-10", 31, "20"),  // November: not winter quarter
                p("2025-12-10", 30, "6"),
                p("2026-01-09", 30, "5"),
                p("2026-02-09", 31, "7"),
                p("2026-03-10", 29, "30")); // March: not counted
        // 18 kgal / 91 days x 30 = 5.934... -> 5.93
        assertThat(WinterQuarterAverage.of(history)).isEqualByComparingTo("5.93");
    }

    @Test
    void noWinterHistoryGivesNullSoTheClassDefaultApplies() {
        assertThat(WinterQuarterAverage.of(List.of(p("2026-03-10", 30, "9")))).isNull();
        assertThat(WinterQuarterAverage.of(List.of())).isNull();
    }

    @Test
    void roundedHalfUpTo2Decimals() {
        // 6.5 kgal x 30 / 40 days = 4.875 -> 4.88
        assertThat(WinterQuarterAverage.of(List.of(p("2026-01-20", 40, "6.5")))).isEqualByComparingTo("4.88");
    }

    @Test
    void recomputedEachApril1ForBillsReadFromApril1ToMarch31() {
        List<Period> history = List.of(
                p("2025-01-10", 30, "3"),   // winter 2024-25
                p("2025-12-10", 30, "6"),   // winter 2025-26
                p("2026-02-09", 30, "9"));
        assertThat(WinterQuarterAverage.forReadDate(LocalDate.of(2026, 3, 31), history)).isEqualByComparingTo("3.00");
        assertThat(WinterQuarterAverage.forReadDate(LocalDate.of(2026, 4, 1), history)).isEqualByComparingTo("7.50");
        assertThat(WinterQuarterAverage.forReadDate(LocalDate.of(2027, 3, 31), history)).isEqualByComparingTo("7.50");
        assertThat(WinterQuarterAverage.forReadDate(LocalDate.of(2027, 4, 1), history)).isNull();
    }
}
