package org.civicdesk.billrun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.civicdesk.CivicDeskApplication;
import org.civicdesk.platform.internal.EmbeddedPostgresServer;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two instances share a run; a run killed with kill -9 in the middle is finished by another instance. */
@CivicDeskTest
@Import(BillingTestConfiguration.class)
@org.springframework.test.context.TestPropertySource(properties = {"civicdesk.billing.run.poll-every=PT1H",
        "civicdesk.billing.run.poll-first-after=PT1H"})
class BillRunSharingTests {

    @Autowired
    BillRuns runs;
    @Autowired
    BillRunWorker worker;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    /** Accounts with solid waste only (no reads needed, so any instance can bill them). */
    List<Long> city(int cycle, int n) {
        BillingCity city = new BillingCity(dataSource);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BillingCity.TestAccount a = city.account(cycle, "en");
            city.agreement(a, "SOLID_WASTE", "R1.2", LocalDate.of(2026, 8, 4));
            ids.add(a.id());
        }
        return ids;
    }

    void assertEveryAccountBilledOnce(long runId, List<Long> accounts) {
        BillRunView run = runs.run(runId);
        assertThat(run.status()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select count(distinct account_id) from bill where bill_run_id = ? and account_id = any(?::bigint[])")
                .params(runId, accounts.stream().map(String::valueOf).toArray(String[]::new)).query(Long.class).single())
                .isEqualTo(accounts.size());
        assertThat(jdbc.sql("select count(*) - count(distinct account_id) from bill where bill_run_id = ?").param(runId)
                .query(Long.class).single()).isZero();
        // one entry per chunk, each named by its bills; none posted twice by the two instances
        long named = jdbc.sql("select count(distinct ledger_entry_id) from bill where bill_run_id = ?")
                .param(runId).query(Long.class).single();
        long entries = jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key like ?")
                .param("bill:run" + runId + ":%").query(Long.class).single();
        assertThat(entries).isEqualTo(named).isPositive().isLessThanOrEqualTo(jdbc.sql(
                "select count(*) from bill_run_chunk where run_id = ?").param(runId).query(Long.class).single());
        BigDecimal billed = jdbc.sql("select coalesce(sum(new_charges + tax), 0) from bill where bill_run_id = ?")
                .param(runId).query(BigDecimal.class).single();
        BigDecimal posted = jdbc.sql("""
                select coalesce(sum(l.debit - l.credit), 0) from ledger_journal_line l
                join ledger_journal_entry e on e.id = l.entry_id
                where e.idempotency_key like ? and l.is_receivables_control""")
                .param("bill:run" + runId + ":%").query(BigDecimal.class).single();
        assertThat(posted).isEqualByComparingTo(billed);
        assertThat(run.bills()).isEqualTo((int) jdbc.sql("select count(*) from bill where bill_run_id = ?").param(runId)
                .query(Long.class).single().longValue());
        assertThat(run.accountsDone()).isEqualTo(run.accountsTotal());
    }

    @Test
    void twoInstancesShareARunAndBillEachAccountOnce() throws Exception {
        List<Long> accounts = city(11, 60);
        BillRunView run = runs.start(new BillRuns.StartRun(11, "ISSUE", LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 10, 16)), false, 3);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CivicDeskApplication.class,
                BillingTestConfiguration.class)
                .profiles("test").web(WebApplicationType.NONE)
                .properties("civicdesk.billing.run.instance-name=second-instance", "spring.jmx.enabled=false",
                        "civicdesk.billing.run.poll-every=PT1H", "civicdesk.billing.run.poll-first-after=PT1H")
                .run()) {
            BillRunWorker other = second.getBean(BillRunWorker.class);
            assertThat(other.instance()).isEqualTo("second-instance");
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(worker::drain);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(other::drain);
            int chunks = a.get() + b.get();
            assertThat(chunks).isGreaterThanOrEqualTo(run.chunksTotal());
        }
        worker.completeFinishedRuns();
        List<String> workers = jdbc.sql("select worker from bill_run_chunk where run_id = ?").param(run.id())
                .query(String.class).list();
        assertThat(workers).anyMatch(w -> w.startsWith("second-instance:"))
                .anyMatch(w -> w.startsWith(worker.instance() + ":"));
        assertEveryAccountBilledOnce(run.id(), accounts);
    }

    @Test
    void aRunKilledInTheMiddleIsFinishedWithNoBillMissingOrDoubled() throws Exception {
        List<Long> accounts = city(13, 40);
        BillRunView run = runs.start(new BillRuns.StartRun(13, "ISSUE", LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 10, 16)), false, 2);
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url == null || url.isBlank()) {
            url = EmbeddedPostgresServer.sharedEphemeral().jdbcUrl();
        }
        File log = Files.createTempFile("bill-run-child", ".log").toFile();
        Process child = new ProcessBuilder(javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BillRunInstanceMain.class.getName(), url, "killed-instance")
                .redirectErrorStream(true).redirectOutput(log).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            long done = 0;
            while (Instant.now().isBefore(deadline) && child.isAlive()) {
                done = jdbc.sql("select count(*) from bill_run_chunk where run_id = ? and status = 'DONE'")
                        .param(run.id()).query(Long.class).single();
                if (done >= 3) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(done).as(() -> tail(log)).isGreaterThanOrEqualTo(3);
            assertThat(done).isLessThan(run.chunksTotal());
        } finally {
            child.destroyForcibly().waitFor();
        }
        worker.drain();
        List<String> workers = jdbc.sql("select worker from bill_run_chunk where run_id = ?").param(run.id())
                .query(String.class).list();
        assertThat(workers).anyMatch(w -> w.startsWith("killed-instance:"))
                .anyMatch(w -> w.startsWith(worker.instance() + ":"));
        assertEveryAccountBilledOnce(run.id(), accounts);
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String tail(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
