package org.civicdesk.metering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadRulesTest {

    private static final ReadRules.Thresholds T = new ReadRules.Thresholds(new BigDecimal("3"), new BigDecimal("0.2"));

    private static ReadRules.Verdict check(String type, long reading, Long previous, boolean later, String season,
            boolean active) {
        BigDecimal s = season == null ? null : new BigDecimal(season);
        return ReadRules.check(new ReadRules.ReadCheck(type, BigDecimal.valueOf(reading),
                previous == null ? null : BigDecimal.valueOf(previous), 30, 5, BigDecimal.ONE, later, s,
                s == null ? BigDecimal.TEN : s, active), T, "kWh");
    }

    @Test
    void highLowZeroAndOutOfOrderAreHeldWithTheirCodes() {
        assertThat(check("ACTUAL", 1000 + 3001, 1000L, false, "33.3333", true).exceptionCode()).isEqualTo("HIGH_USE");
        assertThat(check("ACTUAL", 1000 + 2999, 1000L, false, "33.3333", true).held()).isFalse();
        assertThat(check("ACTUAL", 1000 + 199, 1000L, false, "33.3333", true).exceptionCode()).isEqualTo("LOW_USE");
        assertThat(check("ACTUAL", 1000, 1000L, false, null, true).exceptionCode()).isEqualTo("ZERO_USE");
        assertThat(check("ACTUAL", 1000, 1000L, false, null, false).held()).isFalse();
        assertThat(check("FINAL", 1000, 1000L, false, null, true).held()).isFalse();
        assertThat(check("ACTUAL", 1200, 1000L, true, null, true).exceptionCode()).isEqualTo("OUT_OF_ORDER");
        assertThat(check("INITIAL", 5, 1000L, true, null, true).held()).isFalse();
    }

    @Test
    void aFiveDialRolloverFrom99950To120Uses170() {
        ReadRules.Verdict v = check("ACTUAL", 120, 99_950L, false, null, true);
        assertThat(v.held()).isFalse();
        assertThat(v.usage()).isEqualByComparingTo("170");
        assertThat(check("ACTUAL", 120, 50_000L, false, null, true).exceptionCode()).isEqualTo("LOWER_THAN_PREVIOUS");
    }

    @Test
    void theMultiplierScalesUse() {
        assertThat(ReadRules.usage(new BigDecimal("100"), new BigDecimal("112"), 4, new BigDecimal("40")))
                .isEqualByComparingTo("480");
    }

    @Test
    void historyAveragesTheSameSeasonLastYearElseTheLastThreePeriods() {
        LocalDate d = LocalDate.of(2026, 7, 10);
        List<ReadHistory.Period> periods = List.of(
                new ReadHistory.Period(LocalDate.of(2025, 6, 10), new BigDecimal("300"), 30),
                new ReadHistory.Period(LocalDate.of(2025, 7, 12), new BigDecimal("900"), 32),
                new ReadHistory.Period(LocalDate.of(2026, 4, 10), new BigDecimal("200"), 30),
                new ReadHistory.Period(LocalDate.of(2026, 5, 10), new BigDecimal("400"), 30),
                new ReadHistory.Period(LocalDate.of(2026, 6, 10), new BigDecimal("600"), 30));
        assertThat(ReadHistory.sameSeasonLastYear(periods, d, 20)).isEqualByComparingTo("28.125");
        assertThat(ReadHistory.recent(periods, d)).isEqualByComparingTo("13.333333");
        assertThat(ReadHistory.sameSeasonLastYear(periods, LocalDate.of(2026, 1, 10), 20)).isNull();
    }
}
