package org.civicdesk.billing.internal.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test data for bill runs written with SQL: a customer, a premise in a cycle, an account and agreements. */
public final class BillingCity {

    private final JdbcClient jdbc;

    public BillingCity(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public record TestAccount(long id, String number, long premiseId) {
    }

    public TestAccount account(int cycle, String language) {
        String tag = UUID.randomUUID().toString().substring(0, 12);
        OffsetDateTime now = OffsetDateTime.now();
        long customer = jdbc.sql("""
                insert into customer (kind, business_name, display_name, created_at, created_by)
                values ('BUSINESS', ?, ?, ?, 'test') returning id""")
                .params("Bill Test " + tag, "Bill Test " + tag, now).query(Long.class).single();
        long premise = jdbc.sql("""
                insert into premise (address_line1, city, zip, premise_type, billing_cycle, route, services_available,
                  created_at)
                values (?, 'Mesa', '85201', 'SINGLE_FAMILY', ?, 'T1', '{ELECTRIC,GAS,WATER,WASTEWATER,SOLID_WASTE}', ?)
                returning id""")
                .params(tag + " Billrun Way", cycle, now).query(Long.class).single();
        String number = jdbc.sql("select '8' || lpad(nextval('account_number_seq')::text, 9, '0')").query(String.class)
                .single();
        long account = jdbc.sql("""
                insert into account (account_number, customer_id, mailing_line1, mailing_city, mailing_state, mailing_zip,
                  opened_on, created_at, created_by, language)
                values (?, ?, ?, 'Mesa', 'AZ', '85201', date '2025-01-01', ?, 'test', ?) returning id""")
                .params(number, customer, tag + " Billrun Way", now, language).query(Long.class).single();
        return new TestAccount(account, number, premise);
    }

    public long agreement(TestAccount a, String serviceType, String schedule, LocalDate start) {
        return jdbc.sql("""
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                  created_at, created_by)
                values (?, ?, ?, ?, ?, 'ACTIVE', now(), 'test') returning id""")
                .params(a.id(), a.premiseId(), serviceType, schedule, start).query(Long.class).single();
    }

    public void wqa(long waterAgreementId, LocalDate effectiveFrom, String wqa) {
        jdbc.sql("""
                insert into billing_wqa (agreement_id, effective_from, wqa, winter_days, winter_kgal, computed_at)
                values (?, ?, ?, 90, 0, now())""")
                .params(waterAgreementId, effectiveFrom, new BigDecimal(wqa)).update();
    }
}
