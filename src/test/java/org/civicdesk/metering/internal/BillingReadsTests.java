package org.civicdesk.metering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.metering.BillableService;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.metering.BillingReads;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CivicDeskTest
class BillingReadsTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterDesk meters;
    @Autowired
    ReadDesk reads;
    @Autowired
    BillingReads billingReads;
    @Autowired
    Clock clock;

    private record Service(MeteringFixture.Made made, String meter, LocalDate start) {
        BillableService billable(Long lastRead) {
            return new BillableService(made.agreementId(), made.premiseId(), "WATER", start, null, lastRead);
        }
    }

    private Service waterService(LocalDate start, int dials, String initial) {
        long premise = MeteringFixture.premise(jdbc, 3);
        MeteringFixture.Made made = MeteringFixture.account(jdbc, premise, "WATER", start, "RESIDENTIAL");
        String meter = MeteringFixture.unique("W");
        AuditActor.runAs("test", () -> {
            meters.add(new MeterDesk.NewMeter(meter, "WATER", null, "Badger", dials, BigDecimal.ONE, false, new BigDecimal("0.625")));
            meters.install(meter, premise, start, new BigDecimal(initial));
        });
        return new Service(made, meter, start);
    }

    private ReadDesk.Read read(Service s, LocalDate date, String reading, String type) {
        return AuditActor.runAs("test", () -> reads.enter(s.made().accountNumber(), s.meter(), date.toString(), reading,
                type, null, "SCREEN"));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    @Test
    void usageFromTheInitialReadToTheLatestAcceptedReadOnOrBeforeTheCutoff() {
        LocalDate start = today().minusDays(70);
        Service s = waterService(start, 5, "1000");
        read(s, start.plusDays(30), "1010", "ACTUAL");
        ReadDesk.Read second = read(s, start.plusDays(60), "1019", "ACTUAL");
        read(s, today(), "1030", "ACTUAL");

        BillableUsage u = billingReads.usage(List.of(s.billable(null)), start.plusDays(65), false)
                .get(s.made().agreementId());

        assertThat(u.billable()).isTrue();
        assertThat(u.fromDate()).isEqualTo(start);
        assertThat(u.toDate()).isEqualTo(start.plusDays(60));
        assertThat(u.toReadId()).isEqualTo(second.id());
        assertThat(u.consumption()).isEqualByComparingTo("19");
        assertThat(u.estimated()).isFalse();

        BillableUsage next = billingReads.usage(List.of(s.billable(second.id())), today(), false)
                .get(s.made().agreementId());
        assertThat(next.consumption()).isEqualByComparingTo("11");
        assertThat(next.fromReadId()).isEqualTo(second.id());
    }

    @Test
    void aLowerReadingOnAFourDialMeterNearItsTopIsARollover() {
        LocalDate start = today().minusDays(40);
        Service s = waterService(start, 4, "9995");
        ReadDesk.Read r = read(s, start.plusDays(30), "0004", "ACTUAL");
        assertThat(r.status()).isEqualTo("ACCEPTED");

        BillableUsage u = billingReads.usage(List.of(s.billable(null)), today(), false).get(s.made().agreementId());
        assertThat(u.consumption()).isEqualByComparingTo("9");
    }

    @Test
    void anExchangeBetweenReadsAddsTheOldMetersFinalUseAndTheNewMetersUseSinceItsInitialRead() {
        LocalDate start = today().minusDays(60);
        Service s = waterService(start, 5, "500");
        String newMeter = MeteringFixture.unique("W");
        AuditActor.runAs("test", () -> {
            meters.add(new MeterDesk.NewMeter(newMeter, "WATER", null, "Neptune", 6, BigDecimal.ONE, false, null));
            meters.exchange(s.meter(), newMeter, start.plusDays(20), new BigDecimal("506"), new BigDecimal("0"));
            reads.enter(s.made().accountNumber(), newMeter, start.plusDays(30).toString(), "4", "ACTUAL", null, "SCREEN");
        });

        BillableUsage u = billingReads.usage(List.of(s.billable(null)), today(), false).get(s.made().agreementId());
        assertThat(u.consumption()).isEqualByComparingTo("10");
        assertThat(u.meterNumber()).isEqualTo(newMeter);
        assertThat(u.toDate()).isEqualTo(start.plusDays(30));
    }

    @Test
    void noReadIsEstimatedFromRecentUseAndStoredOnlyWhenAsked() {
        LocalDate start = today().minusDays(100);
        Service s = waterService(start, 5, "100");
        ReadDesk.Read r1 = read(s, start.plusDays(30), "109", "ACTUAL");
        read(s, start.plusDays(60), "118", "ACTUAL");
        ReadDesk.Read last = read(s, start.plusDays(90), "127", "ACTUAL");
        // 0.3 kgal a day for the last three periods
        BillableUsage trial = billingReads.usage(List.of(s.billable(last.id())), today(), false)
                .get(s.made().agreementId());
        assertThat(trial.billable()).isTrue();
        assertThat(trial.estimated()).isTrue();
        assertThat(trial.toReadId()).isNull();
        assertThat(trial.estimatesInARow()).isEqualTo(1);
        long days = java.time.temporal.ChronoUnit.DAYS.between(start.plusDays(90), trial.toDate());
        assertThat(trial.consumption()).isEqualByComparingTo(new BigDecimal(days).multiply(new BigDecimal("0.3"))
                .setScale(0, java.math.RoundingMode.HALF_UP));
        assertThat(countReads(s)).isEqualTo(4);

        BillableUsage issued = billingReads.usage(List.of(s.billable(last.id())), today(), true)
                .get(s.made().agreementId());
        assertThat(issued.toReadId()).isNotNull();
        assertThat(reads.read(issued.toReadId()).readType()).isEqualTo("ESTIMATED");
        assertThat(reads.read(issued.toReadId()).source()).isEqualTo("ESTIMATE");
        assertThat(countReads(s)).isEqualTo(5);
        assertThat(r1.id()).isPositive();
    }

    @Test
    void aHeldReadInThePeriodIsAReadExceptionAndNoMeterIsNoMeter() {
        LocalDate start = today().minusDays(100);
        Service s = waterService(start, 5, "100");
        read(s, start.plusDays(30), "109", "ACTUAL");
        read(s, start.plusDays(60), "118", "ACTUAL");
        ReadDesk.Read held = read(s, start.plusDays(90), "118", "ACTUAL");
        assertThat(held.status()).isEqualTo("EXCEPTION");
        assertThat(held.exceptionCode()).isEqualTo("ZERO_USE");

        BillableUsage u = billingReads.usage(List.of(s.billable(null)), today(), false).get(s.made().agreementId());
        assertThat(u.problem()).isEqualTo("READ_EXCEPTION");

        long premise = MeteringFixture.premise(jdbc, 4);
        MeteringFixture.Made unmetered = MeteringFixture.account(jdbc, premise, "GAS", start, "RESIDENTIAL");
        BillableUsage none = billingReads.usage(List.of(new BillableService(unmetered.agreementId(), premise, "GAS",
                start, null, null)), today(), false).get(unmetered.agreementId());
        assertThat(none.problem()).isEqualTo("NO_METER");
    }

    @Test
    void aThousandAgreementsInOneCall() {
        LocalDate start = today().minusDays(45);
        List<BillableService> services = new ArrayList<>();
        // set up with plain SQL: 1,000 premises, meters, installs and two reads each
        String tag = MeteringFixture.unique("K");
        List<Long> premises = jdbc.sql("""
                insert into premise (address_line1, city, zip, premise_type, billing_cycle, route, services_available, created_at)
                select g || ' E Bulk ' || ? || ' St', 'Mesa', '85203', 'SINGLE_FAMILY', 5, '05-001', '{WATER}', now()
                  from generate_series(1, 1000) g returning id""").param(tag).query(Long.class).list();
        for (long p : premises) {
            MeteringFixture.Made m = MeteringFixture.account(jdbc, p, "WATER", start, "RESIDENTIAL");
            services.add(new BillableService(m.agreementId(), p, "WATER", start, null, null));
        }
        jdbc.sql("""
                with sp as (insert into service_point (premise_id, service_type, created_at)
                            select unnest(?::bigint[]), 'WATER', now() returning id, premise_id),
                     m as (insert into meter (meter_number, service_type, serial, manufacturer, dial_count, units, created_at, created_by)
                           select ? || '-' || premise_id, 'WATER', 's', 'm', 5, 'kgal', now(), 'test' from sp returning id, meter_number),
                     i as (insert into meter_install (meter_id, service_point_id, installed_on, created_at, created_by)
                           select m.id, sp.id, ?, now(), 'test' from sp join m on m.meter_number = ? || '-' || sp.premise_id
                           returning meter_id, service_point_id)
                insert into meter_read (meter_id, service_point_id, read_date, reading, read_type, source, status, entered_at, entered_by)
                select meter_id, service_point_id, ?::date, 1000, 'INITIAL', 'FIELD', 'ACCEPTED', now(), 'test' from i
                union all
                select meter_id, service_point_id, ?::date + 30, 1000 + (meter_id % 20), 'ACTUAL', 'IMPORT', 'ACCEPTED', now(), 'test' from i
                """).params(premises.toArray(Long[]::new), tag, start, tag, start, start).update();
        long expected = jdbc.sql("select sum(m.id % 20) from meter m where m.meter_number like ?").param(tag + "-%")
                .query(Long.class).single();

        billingReads.usage(services, today(), false);
        billingReads.usage(services, today(), false);
        billingReads.usage(services, today(), false);
        long began = System.nanoTime();
        Map<Long, BillableUsage> usage = billingReads.usage(services, today(), false);
        double ms = (System.nanoTime() - began) / 1e6;

        assertThat(usage).hasSize(1000);
        assertThat(usage.values()).allMatch(BillableUsage::billable);
        assertThat(usage.values().stream().map(BillableUsage::consumption).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(BigDecimal.valueOf(expected));
        System.out.printf("BillingReads: 1,000 agreements in %.1f ms%n", ms);
        assertThat(ms).as("one chunk of 1,000 within half a second").isLessThan(500);
    }

    private int countReads(Service s) {
        return jdbc.sql("select count(*) from meter_read r join meter m on m.id = r.meter_id where m.meter_number = ?")
                .param(s.meter()).query(Integer.class).single();
    }
}
