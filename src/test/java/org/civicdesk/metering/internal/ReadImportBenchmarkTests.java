package org.civicdesk.metering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.metering.DemoReads;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A benchmark, not a timed test: imports a file of 100,000 reads (one per meter of a generated block of
 * accounts) and prints the time. Runs only with -Dcivicdesk.bench.reads=100000 (the line count).
 */
@CivicDeskTest
class ReadImportBenchmarkTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoReads demoReads;
    @Autowired
    ReadImports imports;
    @Autowired
    Clock clock;

    @Test
    void importALargeReadFile() {
        String lines = System.getProperty("civicdesk.bench.reads");
        assumeTrue(lines != null, "benchmark: run with -Dcivicdesk.bench.reads=100000");
        int n = Integer.parseInt(lines);
        LocalDate today = LocalDate.now(clock);
        String tag = MeteringFixture.unique("B");
        jdbc.sql("""
                with c as (insert into customer (kind, business_name, display_name, created_at, created_by)
                           select 'BUSINESS', ? || g, ? || g, now(), 'bench' from generate_series(1, ?) g returning id),
                     p as (insert into premise (address_line1, city, zip, premise_type, billing_cycle, route,
                                                services_available, created_at)
                           select g || ' N Bench ' || ? || ' Rd', 'Mesa', '85205', 'COMMERCIAL', 1 + g % 20, '01-001',
                                  '{WATER}', now() from generate_series(1, ?) g returning id),
                     cn as (select id, row_number() over (order by id) r from c),
                     pn as (select id, row_number() over (order by id) r from p),
                     a as (insert into account (account_number, customer_id, account_class, mailing_line1, mailing_city,
                                                mailing_state, mailing_zip, opened_on, created_at, created_by)
                           select lpad((8000000000 + nextval('account_number_seq'))::text, 10, '0'), cn.id, 'COMMERCIAL',
                                  '1 Main', 'Mesa', 'AZ', '85201', ?::date - 90, now(), 'bench' from cn
                           returning id, customer_id)
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                                               created_at, created_by)
                select a.id, pn.id, 'WATER', 'W3.1', ?::date - 90, 'ACTIVE', now(), 'bench'
                  from a join cn on cn.id = a.customer_id join pn on pn.r = cn.r""")
                .params(tag, tag, n, tag, n, today, today).update();
        DemoReads.Loaded loaded = AuditActor.runAs("bench", () -> demoReads.load(today.minusDays(5), 3));
        List<String> rows = jdbc.sql("""
                select a.account_number || ',' || m.meter_number || ',' || ? || ',' ||
                       ((select r.reading from meter_read r where r.meter_id = m.id and r.status = 'ACCEPTED'
                          order by r.read_date desc, r.id desc limit 1) + 9) || ',ACTUAL'
                  from account a join service_agreement sa on sa.account_id = a.id
                  join service_point sp on sp.premise_id = sa.premise_id and sp.service_type = sa.service_type
                  join meter_install mi on mi.service_point_id = sp.id join meter m on m.id = mi.meter_id
                 where a.created_by = 'bench' and a.customer_id in (select id from customer where business_name like ?)""")
                .params(today.toString(), tag + "%").query(String.class).list();
        byte[] file = ("account_number,meter_number,read_date,reading,read_type\n" + String.join("\n", rows))
                .getBytes(StandardCharsets.UTF_8);
        long began = System.nanoTime();
        ReadImports.ImportReport report = AuditActor.runAs("bench", () -> imports.importFile("bench.csv", file));
        double seconds = (System.nanoTime() - began) / 1e9;
        long again = System.nanoTime();
        ReadImports.ImportReport replay = AuditActor.runAs("bench", () -> imports.importFile("bench.csv", file));
        double replaySeconds = (System.nanoTime() - again) / 1e9;
        System.out.printf("{\"bench\":\"read-import\",\"lines\":%d,\"accepted\":%d,\"held\":%d,\"rejected\":%d,"
                + "\"seconds\":%.2f,\"lines_per_second\":%.0f,\"replay_seconds\":%.2f,\"demo_meters_seconds\":%.2f}%n",
                report.lines(), report.accepted(), report.exceptions(), report.rejected(), seconds,
                report.lines() / seconds, replaySeconds, loaded.seconds());
        assertThat(report.lines()).isEqualTo(rows.size());
        assertThat(replay.alreadyImported()).isTrue();
    }
}
