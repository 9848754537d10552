package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.ledger.Aging;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;

class AgingRuleTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);

    private static AgingRule.Item charge(long id, LocalDate due, String amount) {
        return new AgingRule.Item(id, due, Money.of(amount), Money.ZERO);
    }

    private static AgingRule.Item credit(long id, String amount) {
        return new AgingRule.Item(id, AS_OF, Money.ZERO, Money.of(amount));
    }

    @Test
    void unpaidChargesAreBucketedByDaysPastDue() {
        Aging aging = AgingRule.age(1, AS_OF, List.of(
                charge(1, AS_OF, "1.00"),                 // due today: current
                charge(2, AS_OF.plusDays(10), "2.00"),    // not yet due: current
                charge(3, AS_OF.minusDays(1), "3.00"),    // 1 day
                charge(4, AS_OF.minusDays(30), "4.00"),   // 30 days
                charge(5, AS_OF.minusDays(31), "5.00"),   // 31 days
                charge(6, AS_OF.minusDays(60), "6.00"),
                charge(7, AS_OF.minusDays(61), "7.00"),
                charge(8, AS_OF.minusDays(90), "8.00"),
                charge(9, AS_OF.minusDays(91), "9.00")));

        assertThat(aging.current()).isEqualTo(Money.of("3.00"));
        assertThat(aging.days1To30()).isEqualTo(Money.of("7.00"));
        assertThat(aging.days31To60()).isEqualTo(Money.of("11.00"));
        assertThat(aging.days61To90()).isEqualTo(Money.of("15.00"));
        assertThat(aging.over90()).isEqualTo(Money.of("9.00"));
        assertThat(aging.balance()).isEqualTo(Money.of("45.00"));
    }

    @Test
    void creditsPayTheOldestChargeFirstWhateverTheirOrder() {
        Aging aging = AgingRule.age(1, AS_OF, List.of(
                charge(1, AS_OF.minusDays(5), "50.00"),
                credit(2, "70.00"),
                charge(3, AS_OF.minusDays(100), "40.00")));

        assertThat(aging.over90()).isEqualTo(Money.ZERO);
        assertThat(aging.days1To30()).isEqualTo(Money.of("20.00"));
        assertThat(aging.unappliedCredit()).isEqualTo(Money.ZERO);
    }

    @Test
    void creditBeyondAllChargesIsUnapplied() {
        Aging aging = AgingRule.age(1, AS_OF, List.of(charge(1, AS_OF.minusDays(5), "10.00"), credit(2, "25.00")));

        assertThat(aging.pastDue()).isEqualTo(Money.ZERO);
        assertThat(aging.unappliedCredit()).isEqualTo(Money.of("15.00"));
        assertThat(aging.balance()).isEqualTo(Money.of("-15.00"));
    }
}
