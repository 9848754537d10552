package org.civicdesk.customer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AccountNumberTest {

    @Test
    void anAccountNumberEndsWithItsLuhnCheckDigit() {
        assertThat(AccountNumber.fromSequence(100000001L).value()).isEqualTo("1000000016");
        assertThat(AccountNumber.parse("100000001-6")).map(AccountNumber::value).contains("1000000016");
    }

    @Test
    void aMistypedNumberIsRefusedWithTheReason() {
        assertThat(AccountNumber.problem("1000000017")).get().asString().contains("check digit");
        assertThat(AccountNumber.problem("12345")).get().asString().contains("10 digits");
        assertThat(AccountNumber.parse("abc")).isEmpty();
    }

    @Property
    void everySingleDigitMistakeIsCaught(@ForAll @LongRange(min = 100_000_000L, max = 999_999_999L) long sequence,
            @ForAll @IntRange(min = 0, max = 9) int position, @ForAll @IntRange(min = 1, max = 9) int delta) {
        String good = AccountNumber.fromSequence(sequence).value();
        char[] typed = good.toCharArray();
        typed[position] = (char) ('0' + (typed[position] - '0' + delta) % 10);
        assertThat(AccountNumber.problem(new String(typed))).isPresent();
    }

    @Property
    void swappingTwoDifferentNeighboursIsCaughtExceptNineAndZero(
            @ForAll @LongRange(min = 100_000_000L, max = 999_999_999L) long sequence,
            @ForAll @IntRange(min = 0, max = 8) int position) {
        char[] typed = AccountNumber.fromSequence(sequence).value().toCharArray();
        char a = typed[position];
        char b = typed[position + 1];
        if (a == b || (a == '0' && b == '9') || (a == '9' && b == '0')) {
            return;
        }
        typed[position] = b;
        typed[position + 1] = a;
        assertThat(AccountNumber.problem(new String(typed))).isPresent();
    }
}
