package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.cashiering.CashieringFixture.account;
import static org.civicdesk.cashiering.CashieringFixture.charge;
import static org.civicdesk.cashiering.CashieringFixture.check;
import static org.civicdesk.cashiering.CashieringFixture.key;
import static org.civicdesk.cashiering.CashieringFixture.signInWithAll;
import static org.civicdesk.cashiering.CashieringFixture.toAccount;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.internal.files.AchReturns;
import org.civicdesk.cashiering.internal.files.Autopay;
import org.civicdesk.cashiering.internal.files.BankStatements;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.civicdesk.cashiering.internal.files.NachaFile;
import org.civicdesk.cashiering.internal.files.NachaReader;
import org.civicdesk.cashiering.internal.files.RemittanceImports;
import org.civicdesk.cashiering.internal.files.ReturnedChecks;
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

/** Autopay debit files, ACH returns, returned checks and BAI2 reconciliation on the shared database. */
@CivicDeskTest
class BankFilesTests {

    @Autowired Autopay autopay;
    @Autowired AchReturns achReturns;
    @Autowired ReturnedChecks returnedChecks;
    @Autowired BankStatements statements;
    @Autowired RemittanceImports remittance;
    @Autowired Payments payments;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

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

    @Test
    void autopayDebitsWhatIsDueAndAnR03ReturnReversesChargesTheFeeAndEndsAutopay() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        // the next 14th: only this test makes autopay files
        LocalDate due = today.getDayOfMonth() < 14 ? today.withDayOfMonth(14) : today.plusMonths(1).withDayOfMonth(14);
        jdbc.sql("update account set bill_due_day = 14 where account_number = :a").param("a", a.accountNumber()).update();
        charge(ledger, a, "WATER", "50.00", due.minusDays(21), due, "billing");
        Autopay.Enrolment e = autopay.enrol(a.accountNumber(), "231380104", "123456789", "CHECKING", "Rosa Payer");
        assertThat(e.bankLast4()).isEqualTo("6789");
        assertThat(jdbc.sql("select count(*) from autopay_enrolment where bank_token like 'bank_%' and id = :id")
                .param("id", e.id()).query(Long.class).single()).isEqualTo(1);

        Autopay.AutopayFile file = autopay.generate(due);
        assertThat(autopay.generate(due).id()).isEqualTo(file.id());
        NachaFile nacha = NachaReader.read(autopay.fileText(file.id()));
        NachaFile.Entry entry = nacha.batches().get(0).entries().stream()
                .filter(x -> x.individualIdentification().equals(a.accountNumber())).findFirst().orElseThrow();
        assertThat(entry.amountCents()).isEqualTo(5000);
        assertThat(entry.dfiAccountNumber()).isEqualTo("123456789");
        assertThat(entry.transactionCode()).isEqualTo("27");
        assertThat(nacha.batches().get(0).secCode()).isEqualTo("PPD");

        autopay.postSettled(file.effectiveDate());
        Autopay.Debit debit = autopay.debits(file.id()).stream().filter(d -> d.accountNumber().equals(a.accountNumber()))
                .findFirst().orElseThrow();
        assertThat(debit.status()).isEqualTo("POSTED");
        assertThat(owed(a, file.effectiveDate())).isEqualTo(Money.ZERO);

        byte[] returnFile = ReturnFiles.returnFile("R03", debit.traceNumber(), 5000, "ROSA PAYER");
        AchReturns.ImportReport report = achReturns.importFile("returns.ach", returnFile);
        assertThat(report.returns()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("APPLIED");
            assertThat(r.paymentId()).isEqualTo(debit.paymentId());
            assertThat(r.enrolmentEnded()).isTrue();
        });
        assertThat(jdbc.sql("select kind from cashiering_payment_reversal where payment_id = :p")
                .param("p", debit.paymentId()).query(String.class).single()).isEqualTo("RETURN");
        // the $50.00 is owed again, with the $25.00 NSF fee
        assertThat(owed(a, today.isAfter(file.effectiveDate()) ? today : file.effectiveDate().plusDays(1)))
                .isEqualTo(Money.of("75.00"));
        assertThat(autopay.enrolment(e.id()).status()).isEqualTo("ENDED");
        assertThat(autopay.enrolment(e.id()).endReason()).contains("R03");

        AchReturns.ImportReport again = achReturns.importFile("returns.ach", returnFile);
        assertThat(again.alreadyImported()).isTrue();
        assertThat(jdbc.sql("select count(*) from ach_return where original_trace_number = :t")
                .param("t", debit.traceNumber()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSampleReturnsAreListedForResearchAndTheMalformedOneAppliesNothing() {
        long filesBefore = jdbc.sql("select count(*) from ach_return_file").query(Long.class).single();
        assertThatThrownBy(() -> achReturns.importFile("bad.ach",
                Samples.text("nacha/return-no-batch-controls.ach").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedPaymentFile.class);
        assertThat(jdbc.sql("select count(*) from ach_return_file").query(Long.class).single()).isEqualTo(filesBefore);

        AchReturns.ImportReport web = achReturns.importFile("return-WEB.ach",
                Samples.text("nacha/return-WEB.ach").getBytes(StandardCharsets.US_ASCII));
        if (!web.alreadyImported()) {
            assertThat(web.returns()).extracting(AchReturns.Return::outcome).containsOnly("UNMATCHED");
            assertThat(web.returns()).extracting(AchReturns.Return::returnCode).containsExactly("R01", "R03");
        }
        AchReturns.ImportReport dishonored = achReturns.importFile("dishonored.ach",
                Samples.text("nacha/dishonored-return.ach").getBytes(StandardCharsets.US_ASCII));
        if (!dishonored.alreadyImported()) {
            assertThat(dishonored.returns()).extracting(AchReturns.Return::outcome).containsOnly("DISHONORED");
        }
        assertThat(achReturns.forResearch(1000)).extracting(AchReturns.Return::originalTraceNumber)
                .contains("091400600000001", "059999990000301");
    }

    @Test
    void aReturnedCheckIsEnteredOnceAndReversesThePayment() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        charge(ledger, a, "WATER", "40.00", today.minusDays(30), today.minusDays(9), "billing");
        String checkNumber = "R" + (System.nanoTime() % 100_000_000L);
        PostedPayment p = payments.post(new NewPayment(key(), TenderSource.REMITTANCE_DESK, null, today,
                List.of(check("40.00", checkNumber)), List.of(toAccount(a, "40.00")), "Rosa", null));
        assertThat(returnedChecks.find(checkNumber, a.accountNumber())).extracting(ReturnedChecks.CheckPayment::paymentId)
                .containsExactly(p.paymentId());
        assertThatThrownBy(() -> returnedChecks.enter(p.paymentId(), "999", "NSF", today))
                .hasMessageContaining("was not paid with check 999");

        returnedChecks.enter(p.paymentId(), checkNumber, "NSF", today);

        assertThat(jdbc.sql("select return_code from cashiering_payment_reversal where payment_id = :p")
                .param("p", p.paymentId()).query(String.class).single()).isEqualTo("CHECK");
        assertThat(owed(a, today)).isEqualTo(Money.of("65.00"));
        assertThatThrownBy(() -> returnedChecks.enter(p.paymentId(), checkNumber, "NSF", today))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void bankCreditsMatchLockboxBatchesAndTheRestIsListed() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        long cents = 100_000 + System.nanoTime() % 800_000;
        Money amount = Money.ofCents(cents);
        LocalDate day = today.minusDays(1);
        String batch = "LB" + System.nanoTime();
        remittance.importFile("r.csv", ("batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n"
                + batch + ",1," + a.accountNumber() + "," + amount + "," + day + ",1,\n").getBytes(StandardCharsets.UTF_8),
                Optional.empty());
        String bai = Bai2Files.prior(day, List.of(new long[] {115, cents}, new long[] {108, cents + 7}, new long[] {475, 999}));

        BankStatements.ImportReport report = statements.importFile("bai.txt", bai.getBytes(StandardCharsets.US_ASCII));

        assertThat(report.details()).isEqualTo(3);
        assertThat(report.credits()).isEqualTo(2);
        assertThat(report.matched()).isEqualTo(1);
        assertThat(report.unmatchedLines()).singleElement().satisfies(l -> {
            assertThat(l.amount()).isEqualTo(Money.ofCents(cents + 7));
            assertThat(l.typeCode()).isEqualTo("108");
        });
        assertThat(statements.importFile("bai.txt", bai.getBytes(StandardCharsets.US_ASCII)).alreadyImported()).isTrue();
        BankStatements.Line resolved = statements.resolve(report.unmatchedLines().get(0).id(), "wire from the county");
        assertThat(resolved.matchStatus()).isEqualTo("RESOLVED");

        assertThatThrownBy(() -> statements.importFile("bad.txt",
                Samples.text("bai2/sample-parseError.txt").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedPaymentFile.class);
        BankStatements.ImportReport sample = statements.importFile("sample1.txt",
                Samples.text("bai2/sample1.txt").getBytes(StandardCharsets.US_ASCII));
        assertThat(sample.details()).isEqualTo(17);
    }

    /** NACHA return files with correct controls, as a bank sends them. */
    static final class ReturnFiles {

        static byte[] returnFile(String code, String originalTrace, long cents, String name) {
            String dfi = originalTrace.substring(0, 8);
            List<String> records = new java.util.ArrayList<>();
            records.add(pad("101 122105278 091300006" + "261127" + "0600" + "A094101" + pad("CITY BANK", 23)
                    + pad("FEDERAL RESERVE", 23) + "        "));
            records.add(pad("5200CITY UTILITIES" + " ".repeat(2) + " ".repeat(20) + "1860000001" + "PPDUTILITY   "
                    + "      " + "261127" + "   " + "1" + "09130000" + "0000001"));
            records.add("6" + "26" + "23138010" + "4" + pad("123456789", 17) + String.format("%010d", cents)
                    + pad("", 15) + pad(name, 22) + "  " + "1" + "091300000000001");
            records.add(pad("799" + code + originalTrace + "      " + dfi + pad("", 44) + "091300000000001"));
            records.add(pad("8200" + "000002" + "0023138010" + String.format("%012d", cents) + String.format("%012d", 0)
                    + "1860000001" + " ".repeat(25) + "09130000" + "0000001"));
            records.add(pad("9" + "000001" + "000001" + "00000002" + "0023138010" + String.format("%012d", cents)
                    + String.format("%012d", 0)));
            while (records.size() % 10 != 0) {
                records.add("9".repeat(94));
            }
            return (String.join("\n", records) + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        private static String pad(String s, int n) {
            return s.length() >= n ? s.substring(0, n) : s + " ".repeat(n - s.length());
        }

        private static String pad(String s) {
            return pad(s, 94);
        }
    }

    /** BAI2 prior-day files with correct controls. */
    static final class Bai2Files {

        static String prior(LocalDate day, List<long[]> details) {
            String yymmdd = String.format("%02d%02d%02d", day.getYear() % 100, day.getMonthValue(), day.getDayOfMonth());
            StringBuilder text = new StringBuilder();
            text.append("01,CITYBANK,CIVICDESK,").append(yymmdd).append(",0600,1,,,2/\n");
            text.append("02,CIVICDESK,CITYBANK,1,").append(yymmdd).append(",,USD,/\n");
            text.append("03,0001234567,USD,/\n");
            long total = 0;
            for (long[] d : details) {
                text.append("16,").append(d[0]).append(',').append(d[1]).append(",0,,,CREDIT ").append(d[0]).append("/\n");
                total += d[1];
            }
            int accountRecords = details.size() + 2;
            text.append("49,").append(total).append(',').append(accountRecords).append("/\n");
            text.append("98,").append(total).append(",1,").append(accountRecords + 2).append("/\n");
            text.append("99,").append(total).append(",1,").append(accountRecords + 4).append("/\n");
            return text.toString();
        }
    }
}
