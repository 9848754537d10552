package org.civicdesk.collections.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Write-offs against the database with a fake clock (dates in 2035 and 2036, one day per test so that agency
 * batches of a date are the test's own): a final bill written off 60 days after its due date and not a day
 * before, against the allowance, once; bankruptcy written off but not referred; the agency file the same on
 * every export; a later payment posted as a recovery; the daily job run twice with the same result.
 */
@CivicDeskTest
class WriteOffTests {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired WriteOffs writeOffs;
    @Autowired Protections protections;
    @Autowired Payments payments;
    @Autowired DepositAndWriteOffJob job;
    @Autowired LateFees lateFees;
    @Autowired org.civicdesk.collections.CollectionsStanding standing;

    private final Instant realNow = Instant.now();

    @AfterEach
    void restore() {
        clock.set(realNow);
        SecurityContextHolder.clearContext();
    }

    private void today(LocalDate day) {
        clock.set(day.atTime(9, 0).atZone(ZoneId.of("America/Phoenix")).toInstant());
    }

    /** An account stopped on the date with a final bill the next day (due 21 days later) owing water and wastewater. */
    private TestBills.TestAccount finalBilled(LocalDate stop, String water, String wastewater) {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        jdbc.sql("update service_agreement set start_date = ?, status = 'STOPPED', end_date = ?, final_bill_requested = true where account_id = ?")
                .params(stop.minusMonths(6), stop, a.accountId()).update();
        jdbc.sql("update account set status = 'CLOSED', closed_on = ? where id = ?").params(stop, a.accountId()).update();
        TestBills.bill(jdbc, a, new TestBills.Period(stop.minusMonths(1), stop, 3, new BigDecimal("3"), false), "en", Money.ZERO,
                Money.ZERO, null);
        charge(a, "WATER", water, stop.plusDays(1), stop.plusDays(22));
        charge(a, "WASTEWATER", wastewater, stop.plusDays(1), stop.plusDays(22));
        return a;
    }

    private void charge(TestBills.TestAccount a, String fund, String amount, LocalDate on, LocalDate due) {
        if (!Money.of(amount).isPositive()) {
            return;
        }
        Receivable r = ledger.openReceivable("utility-account", fund, a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("test-final:" + fund + ":" + a.accountNumber(), on, "billing", "Final bill",
                List.of(JournalLineRequest.debit(fund, "1200", Money.of(amount)).receivable(r.id()).due(due),
                        JournalLineRequest.credit(fund, "4010", Money.of(amount)))));
    }

    private Money balance(TestBills.TestAccount a, String fund) {
        return ledger.findReceivable("utility-account", fund, a.accountNumber())
                .map(r -> ledger.receivableBalance(r.id(), LocalDate.now(clock)).balance()).orElse(Money.ZERO);
    }

    private List<String> numbers(TestBills.TestAccount... accounts) {
        return java.util.Arrays.stream(accounts).map(TestBills.TestAccount::accountNumber).toList();
    }

    private Map<String, BigDecimal> lines(String key) {
        Map<String, BigDecimal> m = new java.util.TreeMap<>();
        jdbc.sql("""
                select l.fund_code || ' ' || a.code || case when l.debit > 0 then ' Dr' else ' Cr' end, l.debit + l.credit
                  from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
                 where e.idempotency_key = ?""").param(key).query(rs -> {
                    m.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                });
        return m;
    }

    @Test
    void aFinalBillUnpaidSixtyDaysAfterItsDueDateIsWrittenOffOnceAndBankruptcyIsNotReferred() {
        LocalDate stop = LocalDate.of(2035, 3, 1); // final bill 03-02, due 03-23, written off 05-22
        TestBills.TestAccount a = finalBilled(stop, "80.00", "20.50");
        TestBills.TestAccount bankrupt = finalBilled(stop, "40.00", "0.00");
        TestBills.TestAccount paid = finalBilled(stop, "30.00", "5.00");
        today(LocalDate.of(2035, 4, 1));
        protections.add(new AccountNumber(bankrupt.accountNumber()), "BANKRUPTCY", LocalDate.of(2035, 3, 30), "Case 35-01234");
        ledger.post(new JournalEntryRequest("test-pay:" + paid.accountNumber(), LocalDate.of(2035, 3, 20), "cashiering", "Paid",
                List.of(JournalLineRequest.debit("WATER", "1010", Money.of("35.00")), JournalLineRequest.credit("WATER", "1200",
                        Money.of("35.00")).receivable(ledger.findReceivable("utility-account", "WATER", paid.accountNumber()).orElseThrow().id()))));

        today(LocalDate.of(2035, 5, 21));
        assertThat(writeOffs.run(LocalDate.of(2035, 5, 21), numbers(a, bankrupt, paid)).writtenOff()).isZero();

        today(LocalDate.of(2035, 5, 22));
        WriteOffs.Outcome first = writeOffs.run(LocalDate.of(2035, 5, 22), numbers(a, bankrupt, paid));
        assertThat(first.writtenOff()).isEqualTo(2);
        assertThat(first.total()).isEqualTo(Money.of("140.50"));
        assertThat(first.notReferred()).isEqualTo(1);
        assertThat(first.referred()).isEqualTo(1);
        assertThat(balance(a, "WATER")).isEqualTo(Money.ZERO);
        assertThat(balance(a, "WASTEWATER")).isEqualTo(Money.ZERO);
        assertThat(lines("write-off:account:" + a.accountNumber())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "WATER 1290 Dr", new BigDecimal("80.00"), "WATER 1200 Cr", new BigDecimal("80.00"),
                "WASTEWATER 1290 Dr", new BigDecimal("20.50"), "WASTEWATER 1200 Cr", new BigDecimal("20.50")));
        WriteOffs.WriteOff w = writeOffs.ofAccount(a.accountId());
        assertThat(w.amount()).isEqualTo(Money.of("100.50"));
        assertThat(w.writtenOffOn()).isEqualTo(LocalDate.of(2035, 5, 22));
        assertThat(w.referable()).isTrue();
        assertThat(w.agencyBatchId()).isEqualTo(first.agencyBatchId());
        WriteOffs.WriteOff b = writeOffs.ofAccount(bankrupt.accountId());
        assertThat(b.referable()).isFalse();
        assertThat(b.agencyBatchId()).isNull();
        assertThat(b.reasons()).anySatisfy(r -> assertThat(r).contains("Bankruptcy"));
        assertThat(writeOffs.ofAccount(paid.accountId())).isNull();

        // the agency file: documented columns, the referral, the same bytes on every export
        String file = writeOffs.agencyFile(first.agencyBatchId());
        assertThat(file).startsWith(String.join(",", WriteOffs.AGENCY_COLUMNS) + "\r\n");
        assertThat(file).contains(a.accountNumber()).contains("100.50").doesNotContain(bankrupt.accountNumber());
        assertThat(file.split("\r\n")).hasSize(2);
        assertThat(writeOffs.agencyFile(first.agencyBatchId())).isEqualTo(file);

        // run again: nothing new, one entry, the batch stays
        WriteOffs.Outcome second = writeOffs.run(LocalDate.of(2035, 5, 22), numbers(a, bankrupt, paid));
        assertThat(second.writtenOff()).isZero();
        assertThat(second.agencyBatchId()).isEqualTo(first.agencyBatchId());
        assertThat(jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key = ?")
                .param("write-off:account:" + a.accountNumber()).query(Long.class).single()).isEqualTo(1);
        // a new write-off later goes into a new batch with only itself
        TestBills.TestAccount later = finalBilled(LocalDate.of(2035, 3, 10), "12.00", "0.00");
        today(LocalDate.of(2035, 5, 31));
        WriteOffs.Outcome third = writeOffs.run(LocalDate.of(2035, 5, 31), numbers(a, bankrupt, paid, later));
        assertThat(third.writtenOff()).isEqualTo(1);
        assertThat(third.agencyBatchId()).isNotEqualTo(first.agencyBatchId());
        assertThat(writeOffs.agencyFile(third.agencyBatchId())).contains(later.accountNumber()).doesNotContain(a.accountNumber());
    }

    @Test
    void aLaterPaymentOnAWrittenOffAccountIsARecoveryAndThePaymentStaysAsPosted() throws Exception {
        LocalDate stop = LocalDate.of(2035, 6, 1);
        TestBills.TestAccount a = finalBilled(stop, "60.00", "15.00");
        today(LocalDate.of(2035, 8, 22));
        assertThat(writeOffs.run(LocalDate.of(2035, 8, 22), numbers(a)).writtenOff()).isEqualTo(1);

        CashieringFixture.signInWithAll("headcashier");
        today(LocalDate.of(2035, 9, 15));
        PostedPayment p = payments.post(new NewPayment(CashieringFixture.key(), TenderSource.REMITTANCE_DESK, null,
                LocalDate.of(2035, 9, 15), List.of(CashieringFixture.cash("70.00")),
                List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", a.accountNumber()), Money.of("70.00"))),
                "Lucia", null));
        // kept for the closed, written-off account, not held for a refund
        assertThat(jdbc.sql("select kind from cashiering_payment_allocation where payment_id = ?").param(p.paymentId())
                .query(String.class).list()).containsOnly("UNAPPLIED_CREDIT");
        Map<String, Object> recovery = null;
        for (int i = 0; i < 100 && recovery == null; i++) {
            recovery = jdbc.sql("select * from collections_recovery where payment_id = ?").param(p.paymentId()).query().listOfRows()
                    .stream().findFirst().orElse(null);
            if (recovery == null) {
                Thread.sleep(100);
            }
        }
        assertThat(recovery).isNotNull();
        assertThat((BigDecimal) recovery.get("amount")).isEqualByComparingTo("70.00");
        assertThat(lines("recovery:payment:" + p.paymentId() + ":account:" + a.accountNumber())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "WATER 1200 Dr", new BigDecimal("60.00"), "WATER 4950 Cr", new BigDecimal("60.00"),
                "WASTEWATER 1200 Dr", new BigDecimal("10.00"), "WASTEWATER 4950 Cr", new BigDecimal("10.00")));
        // the payment's credit paid the reinstated receivables
        Thread.sleep(200);
        assertThat(balance(a, "WATER")).isEqualTo(Money.ZERO);
        assertThat(balance(a, "WASTEWATER")).isEqualTo(Money.ZERO);
        assertThat(writeOffs.ofAccount(a.accountId()).recovered()).isEqualTo(Money.of("70.00"));
        assertThat(jdbc.sql("select count(*) from cashiering_refund where target_reference = ?").param(a.accountNumber())
                .query(Long.class).single()).isZero();
    }

    private Money netReceivables(String fund, LocalDate day) {
        Money net = Money.ZERO;
        for (var row : ledger.trialBalance(fund, day).rows()) {
            if (row.account().code().equals("1200")) {
                net = net.plus(row.balance());
            } else if (row.account().code().equals("1290")) {
                net = net.minus(row.balance());
            }
        }
        return net;
    }

    @Test
    void theDailyJobRunTwiceGivesTheSameResultAndLeavesNetReceivablesAlone() {
        LocalDate stop = LocalDate.of(2036, 1, 5);
        TestBills.TestAccount a = finalBilled(stop, "33.00", "0.00");
        LocalDate day = LocalDate.of(2036, 3, 28); // due 01-27 + 60
        today(day);
        Money before = netReceivables("WATER", day);
        DepositAndWriteOffJob.DayOutcome first = job.run(day);
        String recorded = job.recorded(day).orElseThrow();
        DepositAndWriteOffJob.DayOutcome second = job.run(day);
        assertThat(first.writeOffs().writtenOff()).isGreaterThanOrEqualTo(1);
        assertThat(second.writeOffs().writtenOff()).isZero();
        assertThat(second.deposits().credited()).isZero();
        assertThat(second.deposits().applied()).isZero();
        assertThat(second.writeOffs().agencyBatchId()).isEqualTo(first.writeOffs().agencyBatchId());
        assertThat(job.recorded(day)).contains(recorded);
        assertThat(writeOffs.ofAccount(a.accountId()).amount()).isEqualTo(Money.of("33.00"));
        // receivables less the allowance do not move: the write-off only moves the loss into the allowance (the same
        // run may also credit other tests' deposits, which lowers receivables, so the entry itself is checked)
        BigDecimal net = jdbc.sql("""
                select coalesce(sum(case when a.code = '1200' then l.debit - l.credit else 0 end), 0)
                     - coalesce(sum(case when a.code = '1290' then l.credit - l.debit else 0 end), 0)
                  from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
                 where e.source = 'write-off' and e.business_date = ?""").param(day).query(BigDecimal.class).single();
        assertThat(net).isEqualByComparingTo("0");
        assertThat(netReceivables("WATER", day).minus(before).isPositive()).isFalse();
    }

    @Test
    void bankruptcyStopsLateFeesAndDisconnection() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        long billId = TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2037, 3, 9), LocalDate.of(2037, 4, 9), 30,
                new BigDecimal("6.50"), false), "en", Money.ZERO, Money.ZERO, null);
        charge(a, "WATER", "400.00", LocalDate.of(2037, 4, 10), LocalDate.of(2037, 5, 1));
        today(LocalDate.of(2037, 4, 20));
        protections.add(new AccountNumber(a.accountNumber()), "BANKRUPTCY", LocalDate.of(2037, 4, 20), "Case 37-00042");
        today(LocalDate.of(2037, 5, 6));
        LateFees.Outcome outcome = lateFees.run(LocalDate.of(2037, 5, 6), List.of(a.accountNumber()));
        assertThat(outcome.assessed()).isEqualTo(1);
        assertThat(outcome.charged()).isZero();
        Map<String, Object> row = jdbc.sql("select fee, reasons from collections_late_fee where bill_id = ?").param(billId).query().singleRow();
        assertThat((BigDecimal) row.get("fee")).isEqualByComparingTo("0");
        assertThat((String) row.get("reasons")).contains("Bankruptcy on file");
        var answer = standing.disconnectToday(a.accountNumber());
        assertThat(answer.decision().granted()).isFalse();
        assertThat(answer.decision().reasons()).anyMatch(r -> r.contains("Bankruptcy on file"));
    }
}
