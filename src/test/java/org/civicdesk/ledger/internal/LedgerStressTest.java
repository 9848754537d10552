package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.ledger.JournalLineRequest.credit;
import static org.civicdesk.ledger.JournalLineRequest.debit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Roach-bank style: many threads post charges, payments and transfers on a handful of shared receivables at
 * once. Nothing is lost, nothing deadlocks, and the control accounts equal the sub-ledger afterwards.
 */
class LedgerStressTest {

    private static final int THREADS = 16;
    private static final int POSTINGS_PER_THREAD = 200;
    private static final int RECEIVABLES = 5;

    private final LedgerFixture f = new LedgerFixture();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void manyThreadsPostingOnSharedReceivablesLoseNothingAndNeverDeadlock() throws Exception {
        List<Receivable> receivables = new ArrayList<>();
        for (int i = 0; i < RECEIVABLES; i++) {
            receivables.add(f.newReceivable("WATER"));
        }
        AtomicLongArray expectedCents = new AtomicLongArray(RECEIVABLES);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(executor.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < POSTINGS_PER_THREAD; i++) {
                        int a = random.nextInt(RECEIVABLES);
                        int b = (a + 1 + random.nextInt(RECEIVABLES - 1)) % RECEIVABLES;
                        long cents = random.nextLong(1, 100_000);
                        Money amount = Money.ofCents(cents);
                        Receivable ra = receivables.get(a);
                        Receivable rb = receivables.get(b);
                        List<JournalLineRequest> lines = switch (random.nextInt(3)) {
                            case 0 -> { // a charge to a
                                expectedCents.addAndGet(a, cents);
                                yield List.of(debit("WATER", "1200", amount).receivable(ra.id()).due(LedgerFixture.TODAY),
                                        credit("WATER", "4010", amount));
                            }
                            case 1 -> { // a payment by a
                                expectedCents.addAndGet(a, -cents);
                                yield List.of(debit("WATER", "1020", amount), credit("WATER", "1200", amount).receivable(ra.id()));
                            }
                            default -> { // a transfer of credit from a to b, lines in random id order
                                expectedCents.addAndGet(a, cents);
                                expectedCents.addAndGet(b, -cents);
                                yield List.of(credit("WATER", "1200", amount).receivable(rb.id()),
                                        debit("WATER", "1200", amount).receivable(ra.id()));
                            }
                        };
                        JournalEntryRequest request = new JournalEntryRequest(LedgerFixture.unique("stress"),
                                LedgerFixture.TODAY, "stress", "stress posting", lines);
                        PostedEntry posted = f.ledger.post(request);
                        if (i % 25 == 0) {
                            assertThat(f.ledger.post(request).id()).isEqualTo(posted.id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(150, TimeUnit.SECONDS); // a deadlock or lost update shows here as a timeout or error
            }
        } finally {
            executor.shutdownNow();
        }

        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < RECEIVABLES; i++) {
            long id = receivables.get(i).id();
            Money balance = f.ledger.receivableBalance(id, null).balance();
            assertThat(balance).isEqualTo(Money.ofCents(expectedCents.get(i)));
            assertThat(f.sumOfLines(id)).isEqualByComparingTo(balance.amount());
            total = total.add(balance.amount());
        }
        long expectedTotal = 0;
        for (int i = 0; i < RECEIVABLES; i++) {
            expectedTotal += expectedCents.get(i);
        }
        assertThat(total).isEqualByComparingTo(Money.ofCents(expectedTotal).amount());
        assertThat(f.controlMinusSubledger()).isZero();
        assertThat(f.unbalancedFunds()).isEmpty();
        // the balance chain on the lines of each receivable is unbroken: each line starts where the last ended
        long breaks = f.jdbc.sql("""
                select count(*) from (
                  select receivable_balance_before,
                         lag(receivable_balance_after) over (partition by receivable_id order by id) as previous_after
                  from ledger_journal_line where receivable_id = any(?::bigint[])) x
                where previous_after is not null and previous_after <> receivable_balance_before""")
                .param(receivables.stream().map(r -> Long.toString(r.id())).toArray(String[]::new))
                .query(Long.class).single();
        assertThat(breaks).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentIdenticalRequestsPostOnce() throws Exception {
        Receivable r = f.newReceivable("GAS");
        JournalEntryRequest request = new JournalEntryRequest(LedgerFixture.unique("same"), LedgerFixture.TODAY,
                "test", "same request from many threads", List.of(
                        debit("GAS", "1200", Money.of("33.33")).receivable(r.id()), credit("GAS", "4010", Money.of("33.33"))));
        ExecutorService executor = Executors.newFixedThreadPool(8);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(executor.submit(() -> ids.add(f.ledger.post(request).id())));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(ids).hasSize(1);
        assertThat(f.ledger.receivableBalance(r.id(), null).balance()).isEqualTo(Money.of("33.33"));
    }
}
