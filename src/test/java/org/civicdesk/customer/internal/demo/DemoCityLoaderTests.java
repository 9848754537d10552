package org.civicdesk.customer.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CivicDeskTest
class DemoCityLoaderTests {

    @Autowired
    DemoCityLoader loader;

    @Autowired
    DemoCityRunner runner;

    @Autowired
    JdbcClient jdbc;

    static String uniqueTag() {
        long n = System.nanoTime();
        StringBuilder b = new StringBuilder("Q");
        for (int i = 0; i < 8; i++) {
            b.append((char) ('a' + (n % 26)));
            n /= 26;
        }
        return b.toString();
    }

    @Test
    void a_small_city_loads_with_copy_in_one_go_and_leaves_one_audit_event() {
        String tag = uniqueTag();
        DemoCityLoader.Loaded loaded = AuditActor.runAs("system:test",
                () -> loader.load(new DemoCityPlan(4242, 300, LocalDate.of(2026, 11, 26), tag)));

        long premises = jdbc.sql("select count(*) from premise where address_line1 like :p")
                .param("p", "% " + tag + " %").query(Long.class).single();
        assertThat(premises).isEqualTo(loaded.counts().premises());
        long accounts = jdbc.sql("""
                select count(distinct a.id) from account a join service_agreement sa on sa.account_id = a.id
                  join premise p on p.id = sa.premise_id where p.address_line1 like :p
                """).param("p", "% " + tag + " %").query(Long.class).single();
        assertThat(accounts).isEqualTo(300);
        assertThat(jdbc.sql("select count(*) from customer_email where address like :d")
                .param("d", "%@" + tag.toLowerCase() + ".example.com").query(Long.class).single())
                .isEqualTo(loaded.counts().emails());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'demo-city-generated' and detail like :t")
                .param("t", "%tag " + tag + "%").query(Long.class).single()).isEqualTo(1);
        // a customer's generated search name is there for the search box
        assertThat(jdbc.sql("""
                select count(*) from customer c join account a on a.customer_id = c.id
                 where a.id between :first and :last and c.search_name <> ''
                """).param("first", loaded.firstIds().accountId())
                .param("last", loaded.firstIds().accountId() + 299).query(Long.class).single()).isEqualTo(300);
    }

    @Test
    void the_first_start_generator_does_nothing_when_the_database_already_has_accounts() throws Exception {
        AuditActor.runAs("system:test", () -> loader.load(new DemoCityPlan(4343, 20, LocalDate.of(2026, 11, 26),
                uniqueTag())));
        long before = jdbc.sql("select count(*) from account").query(Long.class).single();
        long eventsBefore = jdbc.sql("select count(*) from audit_event where action = 'demo-city-generated'")
                .query(Long.class).single();

        runner.run(null);

        assertThat(jdbc.sql("select count(*) from account").query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'demo-city-generated'")
                .query(Long.class).single()).isEqualTo(eventsBefore);
    }
}
