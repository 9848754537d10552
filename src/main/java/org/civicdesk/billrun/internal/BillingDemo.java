package org.civicdesk.billrun.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.metering.BillingReads;
import org.civicdesk.metering.ReadSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * First start with demo data and no bills yet: issues 13 months of bills for the demo city, after the demo
 * reads (MeteringDemo, order 10): one ISSUE run per month and cycle with the cutoff on the cycle's read date,
 * billed on that date (business dates in the past), done on this thread before the application is ready.
 * Not in the test profile: every test context would pay for it (see docs/PERFORMANCE.md).
 */
@Component
@Order(20)
@org.springframework.context.annotation.Profile("!test")
class BillingDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BillingDemo.class);

    private final BillRuns runs;
    private final BillRunWorker worker;
    private final ObjectProvider<BillingReads> reads;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean enabled;
    private final String bench;

    BillingDemo(BillRuns runs, BillRunWorker worker, ObjectProvider<BillingReads> reads, JdbcClient jdbc, Clock clock,
            @Value("${civicdesk.demo.enabled:false}") boolean enabled,
            @Value("${civicdesk.demo.history:true}") boolean history, @Value("${civicdesk.bench:}") String bench) {
        this.runs = runs;
        this.worker = worker;
        this.reads = reads;
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = enabled && history;
        this.bench = bench;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !bench.isBlank() || jdbc.sql("select exists (select 1 from bill)").query(Boolean.class).single()
                || !jdbc.sql("select exists (select 1 from account)").query(Boolean.class).single()) {
            return;
        }
        if (reads.getIfAvailable() == null) {
            log.info("Demo bills: no meter reads are installed, so no bill history is issued");
            return;
        }
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        int[] bills = {0};
        AuditActor.runAs("system:demo", () -> {
            for (int back = 12; back >= 0; back--) {
                YearMonth month = YearMonth.from(today).minusMonths(back);
                java.util.List<Long> ids = new java.util.ArrayList<>();
                for (int cycle = 1; cycle <= 20; cycle++) {
                    LocalDate read = ReadSchedule.readDate(cycle, month);
                    if (!read.isAfter(today)) {
                        ids.add(runs.start(new BillRuns.StartRun(cycle, "ISSUE", read, read), false).id());
                    }
                }
                // the month's runs side by side: the pool's workers and this thread share the chunks
                worker.kick();
                worker.drain();
                while (worker.busy()) {
                    sleep();
                }
                worker.completeFinishedRuns();
                for (Long id : ids) {
                    bills[0] += runs.run(id).bills();
                }
                if (back == 12 || back == 0) {
                    // a year written in seconds outruns autovacuum: without statistics the planner picks
                    // plans that get slower with every month (whole database, module-neutral, a few ms here)
                    jdbc.sql("analyze").update();
                }
            }
        });
        log.info("Demo bills: {} bills over 13 months in {} s", bills[0],
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }
}
