package org.civicdesk.fieldservice.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.metering.internal.MeterDesk;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A unique premise (its own route, so its own board area), account, electric agreement and meter. */
public final class FieldServiceFixture {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    public record Made(long premiseId, String area, long accountId, String accountNumber, long agreementId, String meter) {
    }

    private FieldServiceFixture() {
    }

    public static String unique(String prefix) {
        return prefix + Long.toString(SEQ.incrementAndGet(), 36).toUpperCase() + "7";
    }

    public static Made make(JdbcClient jdbc, MeterDesk meters, LocalDate start) {
        String area = unique("FS-");
        long premiseId = jdbc.sql("""
                insert into premise (address_line1, city, zip, premise_type, billing_cycle, route, services_available,
                                     created_at)
                values (?, 'Mesa', '85201', 'SINGLE_FAMILY', 3, ?, '{ELECTRIC,GAS,WATER}', now()) returning id""")
                .params(unique("") + " E Field Test Ave", area).query(Long.class).single();
        long customerId = jdbc.sql("""
                insert into customer (kind, first_name, last_name, display_name, created_at, created_by)
                values ('PERSON', 'Flor', 'Field', 'Flor Field', now(), 'test') returning id""").query(Long.class).single();
        String number = AccountNumber.fromSequence(jdbc.sql("select nextval('account_number_seq')").query(Long.class)
                .single()).value();
        long accountId = jdbc.sql("""
                insert into account (account_number, customer_id, account_class, mailing_line1, mailing_city,
                                     mailing_state, mailing_zip, opened_on, created_at, created_by)
                values (?, ?, 'RESIDENTIAL', '1 Main', 'Mesa', 'AZ', '85201', ?, ?, 'test') returning id""")
                .params(number, customerId, start, Timestamp.from(Instant.now())).query(Long.class).single();
        long agreementId = jdbc.sql("""
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                                               created_at, created_by)
                values (?, ?, 'ELECTRIC', 'E1.1', ?, 'ACTIVE', now(), 'test') returning id""")
                .params(accountId, premiseId, start).query(Long.class).single();
        String meter = unique("E");
        AuditActor.runAs("test", () -> {
            meters.add(new MeterDesk.NewMeter(meter, "ELECTRIC", null, null, 5, BigDecimal.ONE, false, null));
            meters.install(meter, premiseId, start, new BigDecimal("1000"));
        });
        return new Made(premiseId, area, accountId, number, agreementId, meter);
    }

    static long pendingOrder(JdbcClient jdbc, Made m, String type, LocalDate on) {
        return jdbc.sql("""
                insert into pending_service_order (account_id, premise_id, service_agreement_id, order_type, requested_for,
                  note, created_at, created_by)
                values (?, ?, ?, ?, ?, 'Final bill requested', now(), 'test') returning id""")
                .params(m.accountId(), m.premiseId(), m.agreementId(), type, on).query(Long.class).single();
    }
}
