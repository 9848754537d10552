package org.civicdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void moneyIsAlwaysHeldToTheCent() {
        assertThat(Money.of("12.5").amount()).isEqualByComparingTo("12.50");
        assertThat(Money.of("12.5").amount().scale()).isEqualTo(2);
        assertThat(Money.of("7").toString()).isEqualTo("7.00");
    }

    @Test
    void anAmountFinerThanACentIsRefusedUnlessRoundedOnPurpose() {
        assertThatThrownBy(() -> Money.of("1.005")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Money.round");
        assertThat(Money.of("1.0500").toString()).isEqualTo("1.05");
    }

    @Test
    void roundingIsHalfUpToTheCent() {
        assertThat(Money.round(new BigDecimal("1.005"))).isEqualTo(Money.of("1.01"));
        assertThat(Money.round(new BigDecimal("1.0049"))).isEqualTo(Money.of("1.00"));
        assertThat(Money.round(new BigDecimal("-1.005"))).isEqualTo(Money.of("-1.01"));
    }

    @Test
    void peopleReadMoneyWithADollarSignAndThousandsSeparators() {
        assertThat(Money.of("12500").formatted()).isEqualTo("$12,500.00");
        assertThat(Money.of("-5").formatted()).isEqualTo("-$5.00");
        assertThat(Money.ZERO.formatted()).isEqualTo("$0.00");
    }

    @Property
    void centsRoundTrip(@ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long cents) {
        assertThat(Money.ofCents(cents).cents()).isEqualTo(cents);
        assertThat(Money.ofCents(cents).plus(Money.ofCents(cents).negate()).isZero()).isTrue();
    }
}
