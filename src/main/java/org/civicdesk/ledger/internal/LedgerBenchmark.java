package org.civicdesk.ledger.internal;

import static org.civicdesk.platform.BenchmarkFigures.json;
import static org.civicdesk.platform.BenchmarkFigures.percentile;
import static org.civicdesk.platform.BenchmarkFigures.round;
import static org.civicdesk.platform.BenchmarkFigures.peakHeapMib;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.Money;
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
 * The ledger benchmark (bench/ledger): with civicdesk.bench=ledger the application opens
 * civicdesk.bench.receivables utility-account receivables through {@link Ledger#openReceivable}, alternating
 * the WATER and ELECTRIC funds, from two threads (receivables already open from an earlier run are found
 * again). It then posts civicdesk.bench.entries charge entries (receivables control debited with the
 * receivable and a due date, revenue credited) with {@link Ledger#postAll} in batches of
 * civicdesk.bench.batch, as a bill run would, and as many payment entries (cash in drawers debited,
 * receivables control credited) one by one with {@link Ledger#post} from two threads, as cashiers would.
 * Afterwards every receivable's balance must equal the sum of its lines, and per fund the receivable balances
 * must add up to the control account of the trial balance; otherwise it fails. It prints one JSON object as
 * its last line and exits.
 */
@Component
@ConditionalOnProperty(name = "civicdesk.bench", havingValue = "ledger")
@Order(10)
class LedgerBenchmark implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LedgerBenchmark.class);
    private static final String ACTOR = "system:bench";
    private static final String RECEIVABLE_TYPE = "utility-account";
    private static final List<String> FUNDS = List.of("WATER", "ELECTRIC");
    private static final int THREADS = 2;

    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConfigurableApplicationContext context;
    private final int receivables;
    private final int entries;
    private final int batch;

    LedgerBenchmark(Ledger ledger, JdbcClient jdbc, Clock clock, ConfigurableApplicationContext context,
            @Value("${civicdesk.bench.receivables:100000}") int receivables,
            @Value("${civicdesk.bench.entries:200000}") int entries,
            @Value("${civicdesk.bench.batch:1000}") int batch) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
        this.context = context;
        this.receivables = receivables;
        this.entries = entries;
        this.batch = batch;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exit = 0;
        try {
            System.out.flush();
            System.out.println(json(measure()));
            System.out.flush();
        } catch (RuntimeException | InterruptedException | java.util.concurrent.ExecutionException e) {
            log.error("The ledger benchmark failed", e);
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private Map<String, Object> measure() throws InterruptedException, java.util.concurrent.ExecutionException {
        org.civicdesk.platform.BenchmarkFigures.watchHeap();
        long started = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock);
        // keys unique to this run, so a kept database (BENCH_KEEP=1) takes a second run
        String run = Long.toString(System.currentTimeMillis(), 36);
        Random random = new Random(42);

        // 1. receivables, from two threads (each opening is its own transaction with an audit record)
        long t0 = System.nanoTime();
        long[] ids = new long[receivables];
        String[] funds = new String[receivables];
        AtomicInteger nextReceivable = new AtomicInteger();
        runOnThreads(() -> {
            for (int i = nextReceivable.getAndIncrement(); i < receivables; i = nextReceivable.getAndIncrement()) {
                String fund = FUNDS.get(i % FUNDS.size());
                Receivable r = ledger.openReceivable(RECEIVABLE_TYPE, fund, String.format("B%09d", i / FUNDS.size()),
                        "Bench customer " + (i / FUNDS.size()));
                ids[i] = r.id();
                funds[i] = fund;
            }
        });
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        jdbc.sql("analyze ledger_receivable").update();
        jdbc.sql("analyze ledger_receivable_balance").update();
        log.info("{} receivables open in {} s", receivables, round(openSeconds));

        // warm-up, not timed: one batch of charges and a few hundred payments
        List<JournalEntryRequest> warmCharges = new ArrayList<>();
        for (int i = 0; i < Math.min(batch, receivables); i++) {
            warmCharges.add(charge("bench:" + run + ":warm-bill:" + i, ids[i], funds[i], today, random));
        }
        AuditActor.runAs(ACTOR, () -> ledger.postAll(warmCharges));
        for (int i = 0; i < 200; i++) {
            JournalEntryRequest p = payment("bench:" + run + ":warm-pay:" + i, ids[i % receivables],
                    funds[i % receivables], today, random);
            AuditActor.runAs(ACTOR, () -> ledger.post(p));
        }

        // 2. charges, postAll in batches (a bill run)
        long t1 = System.nanoTime();
        for (int from = 0; from < entries; from += batch) {
            List<JournalEntryRequest> requests = new ArrayList<>(batch);
            for (int i = from; i < Math.min(entries, from + batch); i++) {
                requests.add(charge("bench:" + run + ":bill:" + i, ids[i % receivables], funds[i % receivables],
                        today, random));
            }
            AuditActor.runAs(ACTOR, () -> ledger.postAll(requests));
            if ((from / batch) % 50 == 0) {
                log.info("charges: {} of {} posted", from + requests.size(), entries);
            }
        }
        double batchSeconds = (System.nanoTime() - t1) / 1e9;
        log.info("{} charges in {} s", entries, round(batchSeconds));

        // 3. payments, one post per entry from two threads (cashiers)
        double[] ms = new double[entries];
        AtomicInteger nextPayment = new AtomicInteger();
        AtomicInteger seeds = new AtomicInteger(7);
        long t2 = System.nanoTime();
        runOnThreads(() -> {
            Random amounts = new Random(seeds.incrementAndGet());
            for (int i = nextPayment.getAndIncrement(); i < entries; i = nextPayment.getAndIncrement()) {
                // a different receivable order than the charges, so the two threads rarely meet on one
                int r = (int) ((i * 7919L) % receivables);
                JournalEntryRequest p = payment("bench:" + run + ":pay:" + i, ids[r], funds[r], today, amounts);
                long s = System.nanoTime();
                ledger.post(p);
                ms[i] = (System.nanoTime() - s) / 1e6;
                if (i % 20000 == 0) {
                    log.info("payments: about {} of {} posted", i, entries);
                }
            }
        });
        double singleSeconds = (System.nanoTime() - t2) / 1e9;
        log.info("{} payments in {} s", entries, round(singleSeconds));

        // 4. the sub-ledger agrees with the control accounts
        check(today);

        Arrays.sort(ms);
        result.put("receivables", receivables);
        result.put("entries", entries);
        result.put("batch_size", batch);
        result.put("threads_single", THREADS);
        result.put("open_receivables_per_second", Math.round(receivables / openSeconds));
        result.put("batch_entries_per_second", Math.round(entries / batchSeconds));
        result.put("batch_seconds", round(batchSeconds));
        result.put("single_entries_per_second", Math.round(entries / singleSeconds));
        result.put("single_seconds", round(singleSeconds));
        result.put("single_p50_ms", percentile(ms, 50));
        result.put("single_p95_ms", percentile(ms, 95));
        result.put("single_p99_ms", percentile(ms, 99));
        result.put("single_max_ms", round(ms[ms.length - 1]));
        result.put("journal_entries_total", jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single());
        result.put("peak_heap_mib", peakHeapMib());
        result.put("seconds", round((System.nanoTime() - started) / 1e9));
        return result;
    }

    private static JournalEntryRequest charge(String key, long receivable, String fund, LocalDate today, Random random) {
        Money amount = Money.ofCents(2000 + random.nextInt(18000));
        return new JournalEntryRequest(key, today, "billing", "Bench bill", List.of(
                JournalLineRequest.debit(fund, StandardAccount.RECEIVABLES.code(), amount).receivable(receivable)
                        .due(today.plusDays(21)),
                JournalLineRequest.credit(fund, "4010", amount)));
    }

    private static JournalEntryRequest payment(String key, long receivable, String fund, LocalDate today, Random random) {
        Money amount = Money.ofCents(1000 + random.nextInt(9000));
        return new JournalEntryRequest(key, today, "cashiering", "Bench payment", List.of(
                JournalLineRequest.debit(fund, StandardAccount.CASH_IN_DRAWERS.code(), amount),
                JournalLineRequest.credit(fund, StandardAccount.RECEIVABLES.code(), amount).receivable(receivable)));
    }

    /** Runs the work on {@link #THREADS} threads as the bench actor and waits for all; a failure fails the run. */
    private void runOnThreads(Runnable work) throws InterruptedException, java.util.concurrent.ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> AuditActor.runAs(ACTOR, work)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void check(LocalDate today) {
        long drifted = jdbc.sql("""
                select count(*) from ledger_receivable_balance b
                left join (select receivable_id, sum(debit - credit) as total, count(*) as n
                           from ledger_journal_line where receivable_id is not null group by receivable_id) l
                  on l.receivable_id = b.receivable_id
                where b.balance <> coalesce(l.total, 0) or b.line_count <> coalesce(l.n, 0)""")
                .query(Long.class).single();
        if (drifted > 0) {
            throw new IllegalStateException(drifted + " receivable balances differ from the sum of their lines");
        }
        for (String fund : FUNDS) {
            Money subLedger = Money.of(jdbc.sql("""
                    select coalesce(sum(b.balance), 0) from ledger_receivable_balance b
                    join ledger_receivable r on r.id = b.receivable_id where r.fund_code = ?""")
                    .param(fund).query(java.math.BigDecimal.class).single());
            TrialBalance tb = ledger.trialBalance(fund, today);
            Money control = tb.rows().stream().filter(r -> r.account().receivablesControl())
                    .map(TrialBalance.Row::balance).reduce(Money.ZERO, Money::plus);
            if (!subLedger.equals(control) || !tb.balanced()) {
                throw new IllegalStateException("Fund " + fund + ": receivable balances add up to " + subLedger
                        + " but the receivables control account holds " + control + " (trial balance "
                        + (tb.balanced() ? "balanced" : "unbalanced") + ")");
            }
            log.info("Fund {}: receivable balances {} = receivables control {}", fund, subLedger, control);
        }
    }
}
