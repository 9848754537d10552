package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.cashiering.CashieringFixture.account;
import static org.civicdesk.cashiering.CashieringFixture.charge;
import static org.civicdesk.cashiering.CashieringFixture.signInWithAll;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.OnlinePayments;
import org.civicdesk.cashiering.internal.files.AchReturns;
import org.civicdesk.cashiering.internal.files.BankStatements;
import org.civicdesk.cashiering.internal.files.NachaFile;
import org.civicdesk.cashiering.internal.files.NachaReader;
import org.civicdesk.cashiering.internal.files.OnlineDebitFiles;
import org.civicdesk.cashiering.internal.payments.PaymentReversals;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The portal's one-time bank payments collected by the daily NACHA WEB debit file, and their returns. Only this
 * class makes portal debit files on the shared database; the scenario uses today and the next day, the download
 * test a date long past.
 */
@CivicDeskTest
class PortalBankDebitFileTests {

    private static final String CITY_ROUTING = "122105278";

    @Autowired OnlinePayments online;
    @Autowired OnlineDebitFiles files;
    @Autowired AchReturns achReturns;
    @Autowired BankStatements statements;
    @Autowired PaymentReversals reversals;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired java.time.Clock clock;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;

    LocalDate today;

    @BeforeEach
    void signIn() {
        signInWithAll("headcashier");
        today = LocalDate.now(clock);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long payByBank(TestAccount a, String amount, String routing, String bankAccount, String type, String holder) {
        return online.payByBank(new OnlinePayments.BankPayment(a.accountNumber(), Money.of(amount), routing, bankAccount,
                type, holder, UUID.randomUUID().toString())).paymentId();
    }

    private TestAccount owing(String amount) {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        charge(ledger, a, "WATER", amount, today.minusDays(30), today.minusDays(9), "billing");
        return a;
    }

    private Money owed(TestAccount a, LocalDate asOf) {
        Money total = Money.ZERO;
        for (var fund : ledger.funds()) {
            Optional<Receivable> r = ledger.findReceivable("utility-account", fund.code(), a.accountNumber());
            if (r.isPresent()) {
                total = total.plus(ledger.receivableBalance(r.get().id(), asOf).balance());
            }
        }
        return total;
    }

    private Map<Long, String> tracesOfFile(long fileId) {
        return files.entries(fileId).stream()
                .collect(Collectors.toMap(OnlineDebitFiles.Entry::paymentId, OnlineDebitFiles.Entry::traceNumber));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static LocalDate nextWeekday(LocalDate d) {
        LocalDate next = d.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    @Test
    void theDailyWebFileCollectsEachPortalBankPaymentOnceAndAReturnReversesExactlyThatPayment() {
        TestAccount ana = owing("90.00");
        TestAccount bo = owing("40.00");
        TestAccount cy = owing("10.00");
        long p1 = payByBank(ana, "72.40", "231380104", "000123456789", "CHECKING", "Ana Lopez");
        long p2 = payByBank(bo, "15.05", CITY_ROUTING, "55554444", "SAVINGS", "Bo Chen");
        long reversed = payByBank(cy, "10.00", "231380104", "99887766", "CHECKING", "Cy Reyes");
        reversals.reversePayment(reversed, "customer paid twice by mistake");

        // the portal payment debits cash in bank at once: no second posting waits for the file
        PostedEntry entry1 = ledger.entry(jdbc.sql("select ledger_entry_id from cashiering_payment where id = :p")
                .param("p", p1).query(Long.class).single());
        assertThat(entry1.lines()).filteredOn(l -> l.side() == Side.DEBIT)
                .extracting(l -> l.account().code()).containsOnly(StandardAccount.CASH_IN_BANK.code());

        OnlineDebitFiles.OnlineDebitFile file = files.generate(today);
        assertThat(file.fileDate()).isEqualTo(today);
        assertThat(file.effectiveDate()).isEqualTo(nextWeekday(today));
        Map<Long, String> traces = tracesOfFile(file.id());
        assertThat(traces).containsKeys(p1, p2).doesNotContainKey(reversed);
        assertThat(file.entryCount()).isEqualTo(traces.size());
        // once sent, staff cannot take it back: the bank collects it; only its return (below) or a refund can
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reversals.reversePayment(p1, "customer asked"))
                .isInstanceOf(org.civicdesk.platform.BusinessRuleViolation.class)
                .hasMessageContaining("portal debit file of " + today).hasMessageContaining("refund");
        assertThat(count("select count(*) from cashiering_payment_reversal where payment_id = ?", p1)).isZero();

        String text = files.fileText(file.id());
        List<String> lines = text.lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(94));
        assertThat(lines.size() % 10).isZero();
        int n = file.entryCount();
        assertThat(lines.subList(0, n + 4).stream().map(l -> l.substring(0, 1)).collect(Collectors.joining()))
                .isEqualTo("15" + "6".repeat(n) + "89");
        assertThat(lines.subList(n + 4, lines.size())).allSatisfy(l -> assertThat(l).isEqualTo("9".repeat(94)));
        String header = lines.get(0);
        assertThat(header.substring(3, 13)).isEqualTo(" " + CITY_ROUTING);
        assertThat(header.substring(33, 34)).as("file id modifier, autopay's is A").isEqualTo("B");
        String batchHeader = lines.get(1);
        assertThat(batchHeader.substring(1, 4)).as("service class: debits only").isEqualTo("225");
        assertThat(batchHeader.substring(50, 53)).isEqualTo("WEB");
        assertThat(batchHeader.substring(53, 63)).isEqualTo("ONLINE PMT");
        assertThat(batchHeader.substring(69, 75))
                .isEqualTo(file.effectiveDate().format(DateTimeFormatter.ofPattern("yyMMdd")));
        assertThat(batchHeader.substring(79, 87)).isEqualTo(CITY_ROUTING.substring(0, 8));

        NachaFile nacha = NachaReader.read(text);
        NachaFile.Batch batch = nacha.batches().get(0);
        assertThat(nacha.batches()).hasSize(1);
        assertThat(batch.secCode()).isEqualTo("WEB");
        assertThat(batch.effectiveEntryDate()).contains(file.effectiveDate());
        assertThat(batch.entries()).hasSize(n);
        assertThat(batch.entries()).extracting(NachaFile.Entry::discretionaryData).as("payment type code: single")
                .containsOnly("S ");
        assertThat(batch.entries()).extracting(NachaFile.Entry::traceNumber).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(traces.values())
                .allSatisfy(t -> assertThat(t).startsWith("12210527").matches("[0-9]{8}0[0-9]{6}"));
        assertThat(count("select count(*) from autopay_debit where trace_number in (select trace_number "
                + "from cashiering_online_debit_entry where file_id = ?)", file.id())).isZero();

        NachaFile.Entry ana1 = batch.entries().stream().filter(e -> e.traceNumber().equals(traces.get(p1))).findFirst()
                .orElseThrow();
        assertThat(ana1.transactionCode()).isEqualTo("27");
        assertThat(ana1.receivingDfi() + ana1.checkDigit()).isEqualTo("231380104");
        assertThat(ana1.dfiAccountNumber()).isEqualTo("000123456789");
        assertThat(ana1.amountCents()).isEqualTo(7240);
        assertThat(ana1.individualIdentification()).isEqualTo(ana.accountNumber());
        assertThat(ana1.individualName()).isEqualTo("Ana Lopez");
        NachaFile.Entry bo1 = batch.entries().stream().filter(e -> e.traceNumber().equals(traces.get(p2))).findFirst()
                .orElseThrow();
        assertThat(bo1.transactionCode()).as("savings").isEqualTo("37");
        assertThat(bo1.receivingDfi() + bo1.checkDigit()).isEqualTo(CITY_ROUTING);
        assertThat(bo1.dfiAccountNumber()).isEqualTo("55554444");
        assertThat(bo1.amountCents()).isEqualTo(1505);
        assertThat(bo1.individualIdentification()).isEqualTo(bo.accountNumber());

        // totals and hash: the reader checked the controls against the entries; they must also be the file's own
        long cents = batch.entries().stream().mapToLong(NachaFile.Entry::amountCents).sum();
        assertThat(cents).isEqualTo(file.total().cents()).isEqualTo(nacha.totalDebitCents());
        assertThat(nacha.totalCreditCents()).isZero();
        long hash = batch.entries().stream().mapToLong(e -> Long.parseLong(e.receivingDfi())).sum() % 10_000_000_000L;
        String batchControl = lines.get(n + 2);
        String fileControl = lines.get(n + 3);
        assertThat(batchControl.substring(4, 10)).isEqualTo(String.format("%06d", n));
        assertThat(batchControl.substring(10, 20)).isEqualTo(String.format("%010d", hash));
        assertThat(batchControl.substring(20, 32)).isEqualTo(String.format("%012d", cents));
        assertThat(fileControl.substring(1, 7)).as("batch count").isEqualTo("000001");
        assertThat(fileControl.substring(13, 21)).as("entry count").isEqualTo(String.format("%08d", n));
        assertThat(fileControl.substring(21, 31)).isEqualTo(String.format("%010d", hash));
        assertThat(fileControl.substring(31, 43)).isEqualTo(String.format("%012d", cents));

        // the same date again gives the same file, with the same text
        assertThat(files.generate(today)).isEqualTo(file);
        assertThat(files.fileText(file.id())).isEqualTo(text);

        // a later payment goes in the next day's file; those filed are not filed again, the reversed one never
        long p4 = payByBank(bo, "20.00", CITY_ROUTING, "55554444", "SAVINGS", "Bo Chen");
        OnlineDebitFiles.OnlineDebitFile next = files.generate(today.plusDays(1));
        Map<Long, String> nextTraces = tracesOfFile(next.id());
        assertThat(nextTraces).containsKey(p4).doesNotContainKeys(p1, p2, reversed);
        assertThat(nextTraces.values()).doesNotContainAnyElementsOf(traces.values());
        assertThat(NachaReader.read(files.fileText(next.id())).totalDebitCents()).isEqualTo(next.total().cents());
        assertThat(count("select count(*) from cashiering_online_debit_entry where payment_id in (?, ?, ?)", p1, p2, p4))
                .isEqualTo(3);
        assertThat(count("select count(*) from cashiering_online_debit_entry where payment_id = ?", reversed)).isZero();

        // the bank credits the file's total on its effective date (an ACH credit, BAI type 165): reconciled
        String bai = BankFilesTests.Bai2Files.prior(file.effectiveDate(), List.of(new long[] {165, file.total().cents()}));
        BankStatements.ImportReport statement = statements.importFile("bai-" + file.id() + ".txt",
                bai.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(statement.matched()).isEqualTo(1);
        assertThat(jdbc.sql("select matched_kind || ' ' || matched_reference from bank_statement_line where file_id = :f")
                .param("f", statement.fileId()).query(String.class).single())
                .isEqualTo("ONLINE_DEBITS online-debits:" + file.id());

        // the bank returns Ana's debit (R01): exactly that payment is reversed, with the fee and the letter
        long lettersBefore = count("select count(*) from letter where account_id = ? and template_code = 'RETURNED_PAYMENT'",
                ana.accountId());
        byte[] returnFile = BankFilesTests.ReturnFiles.returnFile("R01", traces.get(p1), 7240, "ANA LOPEZ");
        AchReturns.ImportReport report = achReturns.importFile("returns.ach", returnFile);
        assertThat(report.returns()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("APPLIED");
            assertThat(r.paymentId()).isEqualTo(p1);
            assertThat(r.enrolmentEnded()).isFalse();
            assertThat(r.detail()).contains("R01").contains("portal");
        });
        assertThat(jdbc.sql("select kind || ' ' || return_code from cashiering_payment_reversal where payment_id = :p")
                .param("p", p1).query(String.class).single()).isEqualTo("RETURN R01");
        assertThat(count("select count(*) from cashiering_payment_reversal where payment_id in (?, ?)", p2, p4)).isZero();
        // the $72.40 is owed again beside the $17.60 left, with the $25.00 NSF fee
        assertThat(owed(ana, today.plusDays(1))).isEqualTo(Money.of("115.00"));
        assertThat(count("select count(*) from letter where account_id = ? and template_code = 'RETURNED_PAYMENT'",
                ana.accountId())).isEqualTo(lettersBefore + 1);

        AchReturns.ImportReport again = achReturns.importFile("returns-again.ach", returnFile);
        assertThat(again.alreadyImported()).isTrue();
        assertThat(count("select count(*) from ach_return where original_trace_number = ?", traces.get(p1))).isEqualTo(1);
        assertThat(count("select count(*) from cashiering_payment_reversal where payment_id = ?", p1)).isEqualTo(1);
        assertThat(owed(ana, today.plusDays(1))).isEqualTo(Money.of("115.00"));
        assertThat(count("select count(*) from letter where account_id = ? and template_code = 'RETURNED_PAYMENT'",
                ana.accountId())).isEqualTo(lettersBefore + 1);

        // a trace no debit carries still goes to research
        AchReturns.ImportReport unknown = achReturns.importFile("unknown.ach",
                BankFilesTests.ReturnFiles.returnFile("R01", "122105270999998", 500, "NOBODY"));
        assertThat(unknown.returns()).extracting(AchReturns.Return::outcome).containsExactly("UNMATCHED");
    }

    @Test
    void theFileIsDownloadedOnlyWithPaymentFiles() throws Exception {
        LocalDate longAgo = today.minusYears(5);
        OnlineDebitFiles.OnlineDebitFile file = files.generate(longAgo);
        String url = "/cashiering/files/online-debits/" + file.id() + ".ach";
        mvc.perform(get(url).with(httpBasic("cashier", "civicdesk-demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/cashiering/files/online-debits").param("fileDate", longAgo.toString()).with(csrf())
                .with(httpBasic("cashier", "civicdesk-demo"))).andExpect(status().isForbidden());
        mvc.perform(get(url).with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.startsWith("101 " + CITY_ROUTING)));
        assertThat(count("select count(*) from audit_event where record_type = 'cashiering_online_debit_file' "
                + "and record_id = ? and action = 'downloaded'", Long.toString(file.id()))).isPositive();
        mvc.perform(post("/cashiering/files/online-debits").param("fileDate", longAgo.toString()).with(csrf())
                        .with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/cashiering/files/online-debits").param("fileDate", today.plusDays(3).toString()).with(csrf())
                        .with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("made for today or a past day")));
        assertThat(files.fileFor(today.plusDays(3))).isEmpty();
        mvc.perform(get("/cashiering/files/autopay").with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Portal bank debit files")));
    }

    /** A reversal under way when the file is made: the file waits for it and leaves the payment out. */
    @Test
    void aReversalUnderWayWhenTheFileIsMadeKeepsThePaymentOutOfIt() throws Exception {
        TestAccount dee = owing("30.00");
        long paid = payByBank(dee, "30.00", "231380104", "44556677", "CHECKING", "Dee Ortiz");
        LocalDate fileDay = today.plusYears(2); // a day no other test makes a file for
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<OnlineDebitFiles.OnlineDebitFile>[] making = new java.util.concurrent.Future[1];
            new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
                // the reversal takes the payment first ...
                jdbc.sql("select id from cashiering_payment where id = ? for update").param(paid).query(Long.class).single();
                making[0] = other.submit(() -> files.generate(fileDay));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(making[0].isDone()).as("the file waits for the reversal under way").isFalse();
                reversals.reversePayment(paid, "keyed against the wrong account");
            });
            // ... and once it commits, the file is made without it
            OnlineDebitFiles.OnlineDebitFile file = making[0].get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(tracesOfFile(file.id())).doesNotContainKey(paid);
            assertThat(count("select count(*) from cashiering_payment_reversal where payment_id = ?", paid)).isOne();
        } finally {
            other.shutdownNow();
        }
    }
}
