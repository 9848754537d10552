package org.civicdesk.cashiering.internal.files;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.platform.BenchmarkFigures;
import org.civicdesk.platform.RecordNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The remittance benchmark (bench/remittance): runs after the demo city runner has generated the city (the
 * script turns demo data on), writes a lockbox file of civicdesk.remittance-bench.lines lines for random demo
 * accounts (one line in a thousand names no account, so suspense is exercised), imports it through
 * RemittanceImports and prints one JSON object. There are no bills: the payments become unapplied credits.
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

    RemittanceBenchmark(RemittanceImports imports, Accounts accounts, JdbcClient jdbc, Clock clock,
            ConfigurableApplicationContext context, @Value("${civicdesk.remittance-bench.lines}") int lines,
            @Value("${civicdesk.demo.accounts:1000}") int cityAccounts,
            @Value("${civicdesk.remittance-bench.chunk:" + RemittanceImports.DEFAULT_CHUNK + "}") int chunk) {
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
        int exit = 0;
        try {
            Map<String, Object> result = AuditActor.runAs("system:bench", this::measure);
            System.out.flush();
            System.out.println(BenchmarkFigures.json(result));
            System.out.flush();
        } catch (RuntimeException e) {
            log.error("The remittance benchmark failed", e);
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private Map<String, Object> measure() {
        org.civicdesk.platform.BenchmarkFigures.watchHeap();
        for (long seq : new long[] {FIRST_SEQUENCE, FIRST_SEQUENCE + cityAccounts - 1}) {
            try {
                accounts.account(AccountNumber.fromSequence(seq));
            } catch (RecordNotFound e) {
                throw new IllegalStateException("The demo city has no account " + AccountNumber.fromSequence(seq)
                        + ": generate it with civicdesk.demo.enabled and civicdesk.demo.accounts=" + cityAccounts, e);
            }
        }
        Random random = new Random(42);
        LocalDate day = LocalDate.now(clock);
        String batch = "BENCH" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        StringBuilder csv = new StringBuilder(lines * 60).append(RemittanceFileParser.HEADER).append('\n');
        for (int i = 1; i <= lines; i++) {
            String account = i % 1000 == 0 ? AccountNumber.fromSequence(999_999_998L).value()
                    : AccountNumber.fromSequence(FIRST_SEQUENCE + random.nextInt(cityAccounts)).value();
            long cents = 1000 + random.nextInt(29_000);
            csv.append(batch).append(',').append(i).append(',').append(account).append(',')
                    .append(cents / 100).append('.').append(String.format("%02d", cents % 100)).append(',')
                    .append(day).append(',').append(100_000 + i).append(",\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long entriesBefore = jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single();
        long t0 = System.nanoTime();
        RemittanceImports.ImportReport report = imports.importFile("bench.csv", file, Optional.empty(), chunk,
                RemittanceImports.ChunkObserver.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long entries = jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single() - entriesBefore;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accounts", cityAccounts);
        result.put("lines", lines);
        result.put("chunk", chunk);
        result.put("suspended", report.suspended() + report.rejected());
        result.put("ledger_entries", entries);
        result.put("peak_heap_mib", BenchmarkFigures.peakHeapMib());
        result.put("payments", report.posted());
        result.put("seconds", BenchmarkFigures.round(seconds));
        result.put("payments_per_second", BenchmarkFigures.round(report.posted() / seconds));
        return result;
    }
}
