package org.civicdesk.customer.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.customer.Accounts;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which accounts' bills fall due on a date, asked for many accounts at once (autopay's daily file). */
@CivicDeskTest
class BillsDueOnTests {

    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void onlyTheAccountsWhoseDueDayIsTheDatesDay() {
        List<String> three = jdbc.sql("select account_number from account order by id desc limit 3").query(String.class).list();
        String on28th = three.get(0);
        String on14th = three.get(1);
        String none = three.get(2);
        List<Integer> before = jdbc.sql("select bill_due_day from account where account_number = any(:n) order by id desc")
                .param("n", three.toArray(String[]::new)).query((rs, i) -> (Integer) rs.getObject(1)).list();
        try {
            set(on28th, 28);
            set(on14th, 14);
            set(none, null);
            assertThat(accounts.billsDueOn(three, LocalDate.of(2026, 2, 28))).containsExactly(on28th);
            assertThat(accounts.billsDueOn(three, LocalDate.of(2026, 2, 14))).containsExactly(on14th);
            assertThat(accounts.billsDueOn(three, LocalDate.of(2026, 3, 30))).isEmpty();
            assertThat(accounts.billsDueOn(three, LocalDate.of(2026, 3, 28))).containsExactly(on28th);
            assertThat(accounts.billsDueOn(List.of(), LocalDate.of(2026, 3, 31))).isEmpty();
        } finally {
            for (int i = 0; i < 3; i++) {
                set(three.get(i), before.get(i));
            }
        }
    }

    private void set(String account, Integer day) {
        jdbc.sql("update account set bill_due_day = :d where account_number = :a").param("d", day).param("a", account)
                .update();
    }
}
