package org.civicdesk.metering.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.civicdesk.customer.AccountNumber;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Unique premises, accounts and agreements made with plain SQL for metering tests. */
final class MeteringFixture {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    record Made(long premiseId, long accountId, String accountNumber, long agreementId) {
    }

    private MeteringFixture() {
    }

    static String unique(String prefix) {
        return prefix + Long.toString(SEQ.incrementAndGet(), 36).toUpperCase();
    }

    static long premise(JdbcClient jdbc, int cycle) {
        return jdbc.sql("""
                insert into premise (address_line1, city, zip, premise_type, billing_cycle, route, services_available,
                                     created_at)
                values (?, 'Mesa', '85201', 'SINGLE_FAMILY', ?, '01-001', '{ELECTRIC,GAS,WATER}', now()) returning id""")
                .params(unique("") + " W Meter Test St", cycle).query(Long.class).single();
    }

    static Made account(JdbcClient jdbc, long premiseId, String service, LocalDate start, String accountClass) {
        long customerId = jdbc.sql("""
                insert into customer (kind, first_name, last_name, display_name, created_at, created_by)
                values ('PERSON', 'Rosa', 'Meter', 'Rosa Meter', now(), 'test') returning id""").query(Long.class).single();
        String number = AccountNumber.fromSequence(jdbc.sql("select nextval('account_number_seq')").query(Long.class)
                .single()).value();
        long accountId = jdbc.sql("""
                insert into account (account_number, customer_id, account_class, mailing_line1, mailing_city,
                                     mailing_state, mailing_zip, opened_on, created_at, created_by)
                values (?, ?, ?, '1 Main', 'Mesa', 'AZ', '85201', ?, ?, 'test') returning id""")
                .params(number, customerId, accountClass, start, Timestamp.from(Instant.now())).query(Long.class).single();
        long agreementId = agreement(jdbc, accountId, premiseId, service, start);
        return new Made(premiseId, accountId, number, agreementId);
    }

    static long agreement(JdbcClient jdbc, long accountId, long premiseId, String service, LocalDate start) {
        return jdbc.sql("""
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                                               created_at, created_by)
                values (?, ?, ?, 'X1.1', ?, 'ACTIVE', now(), 'test') returning id""")
                .params(accountId, premiseId, service, start).query(Long.class).single();
    }
}
