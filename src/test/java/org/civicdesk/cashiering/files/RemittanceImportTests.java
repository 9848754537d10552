package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.cashiering.CashieringFixture.account;
import static org.civicdesk.cashiering.CashieringFixture.charge;
import static org.civicdesk.cashiering.CashieringFixture.signInWithAll;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.civicdesk.cashiering.internal.files.PaymentSuspense;
import org.civicdesk.cashiering.internal.files.RemittanceFile;
import org.civicdesk.cashiering.internal.files.RemittanceImports;
import org.civicdesk.cashiering.internal.files.RemittanceImports.ImportReport;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

@CivicDeskTest
class RemittanceImportTests {

    @Autowired RemittanceImports imports;
    @Autowired org.civicdesk.customer.Accounts accounts;
    @Autowired PaymentSuspense suspense;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    /** A well-formed account number no test account gets. */
    static final String UNKNOWN = org.civicdesk.customer.AccountNumber.fromSequence(999_999_998L).value();

    LocalDate today;

    @BeforeEach
    void signIn() {
        signInWithAll("cashier");
        today = LocalDate.now(clock);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static String file(String batch, String... lines) {
        StringBuilder text = new StringBuilder(
                "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n");
        for (int i = 0; i < lines.length; i++) {
            text.append(batch).append(',').append(i + 1).append(',').append(lines[i]).append('\n');
        }
        return text.toString();
    }

    private byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long paymentsWithKeyPrefix(String prefix) {
        return jdbc.sql("select count(*) from cashiering_payment where idempotency_key like :p").param("p", prefix + "%")
                .query(Long.class).single();
    }

    private Money balance(Receivable r) {
        return ledger.receivableBalance(r.id(), today).balance();
    }

    @Test
    void matchedLinesPostUnmatchedGoToSuspenseAndReimportChangesNothing() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        TestAccount b = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "72.40", today.minusDays(30), today.minusDays(9), "billing");
        String batch = "LB" + System.nanoTime();
        String text = file(batch,
                a.accountNumber() + ",72.40," + today + ",10442,",
                "," + "20.00," + today + ",10443," + new org.civicdesk.billing.ScanLine(b.accountNumber(), 42, org.civicdesk.platform.Money.of("20.00")).format(),
                "0000000000,15.00," + today + ",10444,",
                "123,15.00," + today + ",10445,",
                a.accountNumber() + ",0.00," + today + ",10446,");

        ImportReport report = imports.importFile("lockbox.csv", bytes(text), Optional.empty());

        assertThat(report.alreadyImported()).isFalse();
        assertThat(report.status()).isEqualTo("COMPLETE");
        assertThat(report.linesRead()).isEqualTo(5);
        assertThat(report.posted()).isEqualTo(2);
        assertThat(report.suspended()).isEqualTo(3);
        assertThat(report.rejected()).isZero();
        assertThat(report.controlTotal()).isEqualTo(Money.of("122.40"));
        assertThat(report.postedTotal()).isEqualTo(Money.of("92.40"));
        assertThat(report.suspendedTotal()).isEqualTo(Money.of("30.00"));
        assertThat(report.exceptions()).extracting(RemittanceImports.LineOutcome::reason)
                .anySatisfy(r -> assertThat(r).contains("not positive"))
                .anySatisfy(r -> assertThat(r).contains("No account 0000000000"))
                .anySatisfy(r -> assertThat(r).contains("'123' is not a valid account number"));
        assertThat(balance(water)).isEqualTo(Money.of("0.00"));
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(2);
        long held = jdbc.sql("select count(*) from payment_suspense where source_reference like :p")
                .param("p", "lockbox:" + batch + ":%").query(Long.class).single();
        assertThat(held).isEqualTo(3);

        ImportReport again = imports.importFile("lockbox.csv", bytes(text), Optional.empty());
        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.posted()).isEqualTo(2);
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(2);
        assertThat(balance(water)).isEqualTo(Money.of("0.00"));

        String changed = text.replace("72.40", "72.41");
        assertThatThrownBy(() -> imports.importFile("other.csv", bytes(changed), Optional.empty()))
                .isInstanceOf(Conflict.class).hasMessageContaining("different file");
    }

    @Test
    void badControlTotalsRejectTheFileWholeAndWriteNothing() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        String batch = "LB" + System.nanoTime();
        String text = file(batch, a.accountNumber() + ",10.00," + today + ",1,", a.accountNumber() + ",5.00," + today
                + ",2,") + "TRAILER,2,15.01\n";
        assertThatThrownBy(() -> imports.importFile("bad.csv", bytes(text), Optional.empty()))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 4");
        String noTrailer = file(batch, a.accountNumber() + ",10.00," + today + ",1,");
        assertThatThrownBy(() -> imports.importFile("bad.csv", bytes(noTrailer),
                Optional.of(new RemittanceFile.ControlTotals(1, Money.of("9.99")))))
                .isInstanceOf(MalformedPaymentFile.class);
        assertThat(jdbc.sql("select count(*) from remittance_batch where batch_id = :b").param("b", batch)
                .query(Long.class).single()).isZero();
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isZero();
    }

    @Test
    void aCrashInTheMiddleLeavesWholeChunksAndAReimportCompletesItExactlyOnce() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        String batch = "LB" + System.nanoTime();
        String[] lines = new String[7];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = (i == 3 ? UNKNOWN : a.accountNumber()) + "," + (i + 1) + ".00," + today + "," + (500 + i) + ",";
        }
        String text = file(batch, lines);
        int[] chunks = new int[1];
        assertThatThrownBy(() -> imports.importFile("crash.csv", bytes(text), Optional.empty(), 2,
                (b, recorded) -> {
                    if (++chunks[0] == 2) {
                        throw new IllegalStateException("simulated crash after " + recorded + " lines");
                    }
                })).isInstanceOf(IllegalStateException.class);
        // the first chunk stands, the second rolled back whole
        assertThat(jdbc.sql("select status from remittance_batch where batch_id = :b").param("b", batch)
                .query(String.class).single()).isEqualTo("IMPORTING");
        assertThat(jdbc.sql("select count(*) from remittance_line l join remittance_batch b on b.id = l.batch_row_id "
                + "where b.batch_id = :b").param("b", batch).query(Long.class).single()).isEqualTo(2);
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(2);

        ImportReport resumed = imports.importFile("crash.csv", bytes(text), Optional.empty(), 2,
                RemittanceImports.ChunkObserver.NONE);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.status()).isEqualTo("COMPLETE");
        assertThat(resumed.posted()).isEqualTo(6);
        assertThat(resumed.suspended()).isEqualTo(1);
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(6);
        Money paid = jdbc.sql("select coalesce(sum(amount), 0) from cashiering_payment where idempotency_key like :p")
                .param("p", "lockbox:" + batch + ":%").query(java.math.BigDecimal.class).optional()
                .map(Money::of).orElseThrow();
        assertThat(paid).isEqualTo(Money.of("24.00"));
    }

    @Test
    void chunksSideBySideApplyOldestFirstAcrossChunksAuditTheCashierAndAReimportChangesNothing() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        TestAccount b = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "30.00", today.minusDays(30), today.minusDays(9), "billing");
        String batch = "LBP" + System.nanoTime();
        // 11 lines in chunks of 2 on up to 3 threads (the lines split by account, each account's in file order)
        String[] lines = new String[11];
        for (int i = 0; i < lines.length; i++) {
            String account = i == 5 ? UNKNOWN : i % 2 == 0 ? a.accountNumber() : b.accountNumber();
            lines[i] = account + ",10.00," + today + "," + (700 + i) + ",";
        }
        ImportReport report = imports.importFile("parallel.csv", bytes(file(batch, lines)), Optional.empty(), 2, 3,
                RemittanceImports.ChunkObserver.NONE);

        assertThat(report.status()).isEqualTo("COMPLETE");
        assertThat(report.posted()).isEqualTo(10);
        assertThat(report.suspended()).isEqualTo(1);
        assertThat(report.postedTotal()).isEqualTo(Money.of("100.00"));
        // six payments of 10.00 to a: the first three paid its 30.00
        assertThat(balance(water)).isEqualTo(Money.ZERO);
        assertThat(jdbc.sql("""
                select coalesce(sum(a.amount), 0) from cashiering_payment_allocation a
                join cashiering_payment p on p.id = a.payment_id
                where p.idempotency_key like :p and a.kind = 'RECEIVABLE'""").param("p", "lockbox:" + batch + ":%")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("30.00");
        // each payment audited once, as the signed-in cashier (the chunks' threads carry the sign-in)
        assertThat(jdbc.sql("""
                select count(*) from audit_event e join cashiering_payment p on e.record_id = p.id::text
                where e.record_type = 'payment' and e.action = 'posted' and e.actor = 'cashier'
                  and p.idempotency_key like :p""").param("p", "lockbox:" + batch + ":%").query(Long.class).single())
                .isEqualTo(10);

        ImportReport again = imports.importFile("parallel.csv", bytes(file(batch, lines)), Optional.empty(), 2, 3,
                RemittanceImports.ChunkObserver.NONE);
        assertThat(again.alreadyImported()).isTrue();
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(10);
    }

    @Test
    void aCrashWithChunksSideBySideLeavesWholeChunksAndAReimportCompletesItExactlyOnce() {
        List<TestAccount> payers = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            payers.add(account(jdbc, "en", "ACTIVE"));
        }
        String batch = "LBPC" + System.nanoTime();
        String[] lines = new String[18];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = payers.get(i % 9).accountNumber() + "," + (i + 1) + ".00," + today + "," + (800 + i) + ",";
        }
        java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> imports.importFile("crash-parallel.csv", bytes(file(batch, lines)), Optional.empty(), 2, 2,
                (b, recorded) -> {
                    if (chunks.incrementAndGet() == 2) {
                        throw new IllegalStateException("simulated crash");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("simulated crash");
        // whole chunks only: every recorded line has its payment, and the crashed chunk left nothing
        long recorded = jdbc.sql("select count(*) from remittance_line l join remittance_batch b on b.id = l.batch_row_id "
                + "where b.batch_id = :b").param("b", batch).query(Long.class).single();
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(recorded);
        assertThat(recorded).isLessThan(18);

        ImportReport resumed = imports.importFile("crash-parallel.csv", bytes(file(batch, lines)), Optional.empty(), 2, 2,
                RemittanceImports.ChunkObserver.NONE);
        assertThat(resumed.status()).isEqualTo("COMPLETE");
        assertThat(resumed.posted()).isEqualTo(18);
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(18);
        assertThat(jdbc.sql("select sum(amount) from cashiering_payment where idempotency_key like :p")
                .param("p", "lockbox:" + batch + ":%").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("171.00");
    }

    @Test
    void staffApplySuspenseToAnAccountOrRefundIt() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "30.00", today.minusDays(30), today.minusDays(9), "billing");
        String batch = "LB" + System.nanoTime();
        imports.importFile("s.csv", bytes(file(batch, UNKNOWN + ",30.00," + today + ",77,",
                UNKNOWN + ",12.00," + today + ",78,")), Optional.empty());
        long first = jdbc.sql("select id from payment_suspense where source_reference = :r")
                .param("r", "lockbox:" + batch + ":1").query(Long.class).single();
        long second = jdbc.sql("select id from payment_suspense where source_reference = :r")
                .param("r", "lockbox:" + batch + ":2").query(Long.class).single();

        PaymentSuspense.Item applied = suspense.apply(first, a.accountNumber(), "customer called: typo in account");
        assertThat(applied.status()).isEqualTo("APPLIED");
        assertThat(applied.paymentId()).isNotNull();
        assertThat(balance(water)).isEqualTo(Money.of("0.00"));
        assertThatThrownBy(() -> suspense.apply(first, a.accountNumber(), "again")).isInstanceOf(Conflict.class);

        PaymentSuspense.Item refunded = suspense.refund(second, "check returned to payer by mail");
        assertThat(refunded.status()).isEqualTo("REFUNDED");
        assertThat(suspense.open(10_000)).extracting(PaymentSuspense.Item::id).doesNotContain(first, second);
    }

    @Test
    void aCheckForACashOnlyAccountIsRejectedIntoSuspenseAndTheRestOfTheChunkPosts() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        TestAccount cashOnly = account(jdbc, "en", "ACTIVE");
        accounts.addAlert(new org.civicdesk.customer.AccountNumber(cashOnly.accountNumber()), "CASH_ONLY",
                "two returned checks", today.minusDays(1), null);
        String batch = "LB" + System.nanoTime();
        ImportReport report = imports.importFile("cash-only.csv", bytes(file(batch,
                a.accountNumber() + ",10.00," + today + ",901,",
                cashOnly.accountNumber() + ",20.00," + today + ",902,",
                a.accountNumber() + ",30.00," + today + ",903,")), Optional.empty());
        assertThat(report.posted()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.exceptions()).singleElement().satisfies(l -> {
            assertThat(l.sequence()).isEqualTo(2);
            assertThat(l.outcome()).isEqualTo("REJECTED");
            assertThat(l.reason()).contains("certified funds");
            assertThat(l.suspenseId()).isNotNull();
        });
        assertThat(paymentsWithKeyPrefix("lockbox:" + batch + ":")).isEqualTo(2);
    }
}
