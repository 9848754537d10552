package org.civicdesk.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LoginThrottlePolicyTest {

    private final LoginThrottlePolicy policy = new LoginThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 50);
    private final Instant now = Instant.parse("2026-11-26T17:00:00Z");

    private List<Instant> failures(int count, Duration apart) {
        List<Instant> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(now.minus(apart.multipliedBy(i)));
        }
        return list;
    }

    @Test
    void fourFailuresDoNotLockTheUser() {
        assertThat(policy.lockedUntil(failures(4, Duration.ofSeconds(5)), 4, now)).isEmpty();
    }

    @Test
    void theFifthFailureLocksForOneMinuteAndEachFurtherOneDoublesIt() {
        assertThat(policy.lockedUntil(failures(5, Duration.ofSeconds(5)), 5, now)).contains(now.plus(Duration.ofMinutes(1)));
        assertThat(policy.lockedUntil(failures(6, Duration.ofSeconds(5)), 6, now)).contains(now.plus(Duration.ofMinutes(2)));
        assertThat(policy.lockedUntil(failures(8, Duration.ofSeconds(5)), 8, now)).contains(now.plus(Duration.ofMinutes(8)));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        List<Instant> old = failures(10, Duration.ofSeconds(1)).stream().map(t -> t.minus(Duration.ofMinutes(16))).toList();
        assertThat(policy.lockedUntil(old, 10, now)).isEmpty();
    }

    @Test
    void manyFailuresFromOtherAddressesLockOnlyBrieflyAndOnlyAfterAFailureHere() {
        assertThat(policy.lockedUntil(List.of(), 500, now)).isEmpty();
        assertThat(policy.lockedUntil(failures(1, Duration.ZERO), 500, now)).contains(now.plus(Duration.ofMinutes(15)));
    }

    @Property
    void noLockOutlastsTheMaximumAfterTheLastFailure(@ForAll @IntRange(min = 0, max = 200) int count,
            @ForAll @IntRange(min = 0, max = 600) int secondsApart, @ForAll @IntRange(min = 0, max = 100_000) int all) {
        List<Instant> list = failures(count, Duration.ofSeconds(secondsApart));
        policy.lockedUntil(list, all, now).ifPresent(until ->
                assertThat(until).isBeforeOrEqualTo(list.get(0).plus(Duration.ofMinutes(15))));
    }
}
