package org.civicdesk.cashiering.internal.files;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BenchmarkFigures;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The remittance benchmark (bench/remittance): runs after the demo city runner has generated the city (the
 * script turns demo data on), writes a lockbox file of civicdesk.remittance-bench.lines lines for random demo
 * accounts (one line in a thousand names no account, so suspense is exercised), imports it through
 * RemittanceImports and prints one JSON object. Without open bills (the default) the payments become unapplied
 * credits; civicdesk.remittance-bench.open-bill-share gives that share of the file's accounts two open charges
 * on each of their receivables first (one past due, one not yet due), so oldest-first application is measured.
 * After the import it waits until the listeners of the payments' events (collections, after commit) are done
 * and reports that time too (events_drained_seconds, from the start of the import). With
 * civicdesk.remittance-bench.warmup lines, a file of its own is imported first, so that the JIT has compiled
 * the import's code before the timed file (its own rate, a server just started, is warmup_payments_per_second);
 * then (unless civicdesk.remittance-bench.settle-jit=false) the benchmark waits until the JIT compilers are
 * quiet, as they are on a server that has run a while.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "civicdesk.remittance-bench.lines")
class RemittanceBenchmark implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RemittanceBenchmark.class);
    /** The demo city numbers its accounts from the start of account_number_seq. */
    private static final long FIRST_SEQUENCE = 100_000_001L;

    private final RemittanceImports imports;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConfigurableApplicationContext context;
    private final int lines;
    private final int cityAccounts;
    private final int chunk;
    private final double openBillShare;
    private final int warmup;
    private final boolean settleJit;
    private final int parallel;
    private final Ledger ledger;

    RemittanceBenchmark(RemittanceImports imports, Accounts accounts, JdbcClient jdbc, Clock clock,
            ConfigurableApplicationContext context, @Value("${civicdesk.remittance-bench.lines}") int lines,
            @Value("${civicdesk.demo.accounts:1000}") int cityAccounts,
            @Value("${civicdesk.remittance-bench.chunk:" + RemittanceImports.DEFAULT_CHUNK + "}") int chunk,
            @Value("${civicdesk.remittance-bench.open-bill-share:0}") double openBillShare,
            @Value("${civicdesk.remittance-bench.warmup:0}") int warmup,
            @Value("${civicdesk.remittance-bench.settle-jit:true}") boolean settleJit, Ledger ledger,
            @Value("${civicdesk.remittance.parallel-chunks:" + RemittanceImports.DEFAULT_PARALLEL_CHUNKS + "}") int parallel) {
        this.warmup = warmup;
        this.settleJit = settleJit;
        this.parallel = parallel;
        this.openBillShare = openBillShare;
        this.ledger = ledger;
        this.imports = imports;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.context = context;
        this.lines = lines;
        this.cityAccounts = cityAccounts;
        this.chunk = chunk;
    }

    @Override
    public void run(ApplicationArguments args) {
        BenchmarkFigures.printAndExit(context, "remittance",
                () -> AuditActor.runAs("system:bench", this::measure));
    }

    private Map<String, Object> measure() {
        double jitSettle = 0;
        double coldRate = 0;
        org.civicdesk.platform.BenchmarkFigures.watchHeap();
        for (long seq : new long[] {FIRST_SEQUENCE, FIRST_SEQUENCE + cityAccounts - 1}) {
            try {
                accounts.account(AccountNumber.fromSequence(seq));
            } catch (RecordNotFound e) {
                throw new IllegalStateException("The demo city has no account " + AccountNumber.fromSequence(seq)
                        + ": generate it with civicdesk.demo.enabled and civicdesk.demo.accounts=" + cityAccounts, e);
            }
        }
        LocalDate day = LocalDate.now(clock);
        // A city just generated (or grown by the previous run) has tables autovacuum has not reached yet: no
        // planner statistics, no visibility map (index-only scans read the table). A city's database in service
        // has had both long before a lockbox file arrives; the bill benchmark vacuums its city the same way.
        long v0 = System.nanoTime();
        jdbc.sql("vacuum analyze").update();
        log.info("Vacuumed and analyzed the city in {} s", Math.round((System.nanoTime() - v0) / 1e8) / 10.0);
        if (warmup > 0) {
            // the JIT compiles the import's code on a file of its own first (its lines name other random accounts)
            byte[] warmFile = lockboxFile("WARM", warmup, day, new Random(1), new java.util.HashSet<>());
            long w0 = System.nanoTime();
            RemittanceImports.ImportReport warm = imports.importFile("warmup.csv", warmFile, Optional.empty(), chunk,
                    parallel, RemittanceImports.ChunkObserver.NONE);
            // the same import on a server just started: the figure a first file after a restart gets
            coldRate = warm.posted() / ((System.nanoTime() - w0) / 1e9);
            waitForListeners(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)), w0);
            log.info("Warm-up: {} lines in {} s", warmup, Math.round((System.nanoTime() - w0) / 1e8) / 10.0);
            if (settleJit) {
                jitSettle = BenchmarkFigures.waitForQuietJit(180);
                log.info("JIT quiet after {} s more", jitSettle);
            }
        }
        java.util.Set<String> fileAccounts = new java.util.LinkedHashSet<>();
        byte[] file = lockboxFile("BENCH", lines, day, new Random(42), fileAccounts);
        int charged = openBillShare > 0 ? openBills(fileAccounts, day, new Random(7)) : 0;
        long entriesBefore = jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single();
        java.sql.Timestamp eventsFrom = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
        long postmaster = postmasterPid();
        double[] cpu0 = {processCpuSeconds(), postgresCpuSeconds(postmaster)};
        boolean statements = org.civicdesk.platform.BenchmarkFigures.statementsReset(jdbc);
        long jit0 = BenchmarkFigures.jitMillis();
        long t0 = System.nanoTime();
        RemittanceImports.ImportReport report = imports.importFile("bench.csv", file, Optional.empty(), chunk, parallel,
                RemittanceImports.ChunkObserver.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] cpu1 = {processCpuSeconds(), postgresCpuSeconds(postmaster)};
        long jitDuring = BenchmarkFigures.jitMillis() - jit0;
        long entries = jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single() - entriesBefore;
        double drained = waitForListeners(eventsFrom, t0);
        if (statements) {
            org.civicdesk.platform.BenchmarkFigures.logStatements(jdbc, log, report.posted(), "payment");
            // the plan of a chunk's receivables query (payment application's first read)
            String[] refs = fileAccounts.stream().limit(chunk).toArray(String[]::new);
            jdbc.sql("""
                    explain (analyze, buffers) select r.id, r.fund_code, r.reference, b.balance
                    from unnest(cast(:refs as text[])) as q(reference)
                    join ledger_receivable r on r.reference = q.reference and r.receivable_type = :t
                    cross join lateral (select b.balance from ledger_receivable_balance b
                                    where b.receivable_id = r.id offset 0) b
                    where b.balance > 0""")
                    .param("t", RemittanceImports.UTILITY_ACCOUNT).param("refs", refs).query(String.class).list()
                    .forEach(line -> log.info("  plan: {}", line));
        }
        long applied = jdbc.sql("""
                select count(*) from cashiering_payment_allocation a join cashiering_payment p on p.id = a.payment_id
                where p.tender_control_id = :batch and a.kind = 'RECEIVABLE'""")
                .param("batch", report.batchRowId()).query(Long.class).single();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accounts", cityAccounts);
        result.put("lines", lines);
        result.put("chunk", chunk);
        result.put("parallel_chunks", parallel);
        result.put("suspended", report.suspended() + report.rejected());
        result.put("ledger_entries", entries);
        result.put("warmup_lines", warmup);
        result.put("warmup_payments_per_second", warmup > 0 ? BenchmarkFigures.round(coldRate) : null);
        result.put("jit_settle_seconds", jitSettle);
        // compilation during the timed import: near zero once the warm-up's queue has been compiled
        result.put("jit_seconds_during", jit0 < 0 ? null : BenchmarkFigures.round(jitDuring / 1000.0));
        result.put("open_bill_share", openBillShare);
        result.put("accounts_with_open_bills", charged);
        result.put("allocations_to_bills", applied);
        result.put("peak_heap_mib", BenchmarkFigures.peakHeapMib());
        result.put("payments", report.posted());
        result.put("seconds", BenchmarkFigures.round(seconds));
        result.put("payments_per_second", BenchmarkFigures.round(report.posted() / seconds));
        result.put("events_drained_seconds", drained < 0 ? null : BenchmarkFigures.round(drained));
        // CPU spent during the import (listeners running meanwhile included): less noisy than wall time on a busy machine
        result.put("cpu_seconds_java", BenchmarkFigures.round(cpu1[0] - cpu0[0]));
        result.put("cpu_seconds_postgres", cpu0[1] < 0 || cpu1[1] < 0 ? null : BenchmarkFigures.round(cpu1[1] - cpu0[1]));
        result.put("cpu_ms_per_payment", cpu0[1] < 0 || cpu1[1] < 0 || report.posted() == 0 ? null
                : BenchmarkFigures.round((cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) * 1000 / report.posted()));
        return result;
    }

    /**
     * Gives the share of these accounts two charges on each of their receivables (one due a month ago, one due
     * in ten days), posted as a bill run posts them (Ledger.postAll per 2,000 entries); untimed. Returns how many
     * accounts were charged.
     */
    private int openBills(java.util.Set<String> fileAccounts, LocalDate day, Random random) {
        List<String> chosen = new ArrayList<>();
        for (String a : fileAccounts) {
            if (random.nextDouble() < openBillShare) {
                chosen.add(a);
            }
        }
        record Rec(long id, String fund, String reference) {
        }
        List<Rec> receivables = jdbc.sql("""
                select id, fund_code, reference from ledger_receivable
                where receivable_type = :t and reference = any(:refs) order by id""")
                .param("t", RemittanceImports.UTILITY_ACCOUNT).param("refs", chosen.toArray(String[]::new))
                .query((rs, n) -> new Rec(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        long t0 = System.nanoTime();
        List<JournalEntryRequest> batch = new ArrayList<>();
        for (Rec r : receivables) {
            for (int k = 0; k < 2; k++) {
                Money amount = Money.of(java.math.BigDecimal.valueOf(2000 + random.nextInt(10_000), 2));
                LocalDate due = k == 0 ? day.minusDays(30) : day.plusDays(10);
                batch.add(new JournalEntryRequest("bench:charge:" + r.id() + ":" + k + ":" + day, day.minusDays(k == 0 ? 51 : 11),
                        "billing", "Bench charge " + r.reference(), List.of(
                                JournalLineRequest.debit(r.fund(), StandardAccount.RECEIVABLES.code(), amount)
                                        .receivable(r.id()).due(due),
                                JournalLineRequest.credit(r.fund(), "4010", amount))));
                if (batch.size() == 2_000) {
                    ledger.postAll(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            ledger.postAll(batch);
        }
        log.info("Open bills: {} charges on {} receivables of {} accounts in {} s", receivables.size() * 2,
                receivables.size(), chosen.size(), Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        return chosen.size();
    }

    /** Waits (at most ten minutes) until every event publication since the import started is complete. */
    private double waitForListeners(java.sql.Timestamp from, long t0) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            long open = jdbc.sql("select count(*) from event_publication where publication_date >= :from and completion_date is null")
                    .param("from", from).query(Long.class).single();
            if (open == 0) {
                return (System.nanoTime() - t0) / 1e9;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }

    /** The embedded server's postmaster (parent of this session's backend), from /proc; -1 where there is none. */
    private long postmasterPid() {
        try {
            long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + backend + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds of the postmaster and its children (the backends) so far, from /proc; -1 when unknown. */
    private static double postgresCpuSeconds(long postmaster) {
        if (postmaster < 0) {
            return -1;
        }
        try (java.util.stream.Stream<java.nio.file.Path> procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            double ticks = 0;
            for (java.nio.file.Path p : procs.filter(x -> x.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String stat = java.nio.file.Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
            return ticks / 100.0;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** A lockbox file of random city accounts (one line in a thousand names no account); adds the accounts named. */
    private byte[] lockboxFile(String prefix, int count, LocalDate day, Random random, java.util.Set<String> named) {
        String batch = prefix + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        StringBuilder csv = new StringBuilder(count * 60).append(RemittanceFileParser.HEADER).append('\n');
        for (int i = 1; i <= count; i++) {
            String account = i % 1000 == 0 ? AccountNumber.fromSequence(999_999_998L).value()
                    : AccountNumber.fromSequence(FIRST_SEQUENCE + random.nextInt(cityAccounts)).value();
            named.add(account);
            long cents = 1000 + random.nextInt(29_000);
            csv.append(batch).append(',').append(i).append(',').append(account).append(',')
                    .append(cents / 100).append('.').append(String.format("%02d", cents % 100)).append(',')
                    .append(day).append(',').append(100_000 + i).append(",\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

}
