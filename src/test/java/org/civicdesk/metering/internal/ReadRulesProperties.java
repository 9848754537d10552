package org.civicdesk.metering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ReadRulesProperties {

    private static final ReadRules.Thresholds T = new ReadRules.Thresholds(new BigDecimal("3"), new BigDecimal("0.2"));

    @Property
    void usageIsTheForwardDistanceOnTheDials(@ForAll @IntRange(min = 3, max = 7) int dials,
            @ForAll @LongRange(min = 0, max = 9_999_999) long a, @ForAll @LongRange(min = 0, max = 9_999_999) long b) {
        long capacity = (long) Math.pow(10, dials);
        long prev = a % capacity;
        long cur = b % capacity;
        BigDecimal usage = ReadRules.usage(BigDecimal.valueOf(prev), BigDecimal.valueOf(cur), dials, BigDecimal.ONE);
        assertThat(usage.longValueExact()).isEqualTo(Math.floorMod(cur - prev, capacity));
        assertThat(usage.signum()).isGreaterThanOrEqualTo(0);
    }

    @Property
    void aLowerReadingIsARolloverOnlyWhenTheUseItMeansIsNotHigh(@ForAll @IntRange(min = 3, max = 6) int dials,
            @ForAll @LongRange(min = 1, max = 999_999) long a, @ForAll @LongRange(min = 0, max = 999_999) long b,
            @ForAll @IntRange(min = 1, max = 60) int days) {
        long capacity = (long) Math.pow(10, dials);
        long prev = 1 + a % (capacity - 1);
        long cur = b % prev;
        BigDecimal daily = BigDecimal.TEN;
        ReadRules.Verdict v = ReadRules.check(new ReadRules.ReadCheck("ACTUAL", BigDecimal.valueOf(cur),
                BigDecimal.valueOf(prev), days, dials, BigDecimal.ONE, false, null, daily, true), T, "kgal");
        long rolled = capacity - prev + cur;
        boolean plausible = rolled <= 10L * days * 3;
        assertThat(v.held()).isEqualTo(!plausible);
        if (v.held()) {
            assertThat(v.exceptionCode()).isEqualTo("LOWER_THAN_PREVIOUS");
        }
    }

    @Property
    void useWithinTheSeasonBandIsAccepted(@ForAll @IntRange(min = 20, max = 40) int days,
            @ForAll @IntRange(min = 21, max = 299) int percentOfExpected) {
        BigDecimal daily = new BigDecimal("10");
        long expected = 10L * days;
        long use = expected * percentOfExpected / 100;
        ReadRules.Verdict v = ReadRules.check(new ReadRules.ReadCheck("ACTUAL", BigDecimal.valueOf(1000 + use),
                BigDecimal.valueOf(1000), days, 6, BigDecimal.ONE, false, daily, daily, true), T, "kWh");
        assertThat(v.held()).as("use %d of expected %d", use, expected).isFalse();
        assertThat(v.usage().longValueExact()).isEqualTo(use);
    }
}
