package org.civicdesk.collections.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.NewPayment;
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
 * The deposit review against the database with a fake clock (dates in 2033, away from other tests): credited
 * after 12 good months and not a day before, a late payment or a returned payment restarting the count, run
 * twice with the same result, applied to the final bill with the rest refunded, surety bonds pending, lapsing
 * and received, and the credit-check provider.
 */
@CivicDeskTest
class DepositReviewTests {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired Deposits deposits;
    @Autowired DepositReview review;
    @Autowired Payments payments;

    private final Instant realNow = Instant.now();

    @AfterEach
    void restore() {
        clock.set(realNow);
        SecurityContextHolder.clearContext();
    }

    private void today(LocalDate day) {
        clock.set(day.atTime(9, 0).atZone(ZoneId.of("America/Phoenix")).toInstant());
    }

    /** A new account whose services started a few days ago (no history: a deposit is required). */
    private TestBills.TestAccount newAccount(LocalDate started) {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        jdbc.sql("update service_agreement set start_date = ? where account_id = ?").params(started, a.accountId()).update();
        return a;
    }

    private Deposits.Deposit requireDeposit(TestBills.TestAccount a, LocalDate on) {
        today(on);
        return deposits.require(new AccountNumber(a.accountNumber()), Deposits.Waivers.NONE, 1);
    }

    private DepositReview.Outcome review(LocalDate on, TestBills.TestAccount... accounts) {
        today(on);
        return review.run(on, java.util.Arrays.stream(accounts).map(TestBills.TestAccount::accountNumber).toList());
    }

    private Money held(TestBills.TestAccount a) {
        return deposits.deposit(a.accountId()).held();
    }

    private long entries(String key) {
        return jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key = ?").param(key).query(Long.class).single();
    }

    private Map<String, BigDecimal> lines(String key) {
        Map<String, BigDecimal> m = new java.util.TreeMap<>();
        jdbc.sql("""
                select a.code || case when l.debit > 0 then ' Dr' else ' Cr' end, l.debit + l.credit
                  from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
                 where e.idempotency_key = ?""").param(key).query(rs -> {
                    m.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                });
        return m;
    }

    private Money balance(TestBills.TestAccount a, String fund) {
        return ledger.findReceivable("utility-account", fund, a.accountNumber())
                .map(r -> ledger.receivableBalance(r.id(), LocalDate.now(clock)).balance()).orElse(Money.ZERO);
    }

    @Test
    void aDepositIsCreditedAfterTwelveGoodMonthsNotADayBeforeAndASecondRunDoesNothing() {
        TestBills.TestAccount a = newAccount(LocalDate.of(2033, 1, 3));
        Deposits.Deposit d = requireDeposit(a, LocalDate.of(2033, 1, 10));
        assertThat(d.amount()).isEqualTo(Money.of("70.00"));
        assertThat(d.held()).isEqualTo(Money.of("70.00"));
        assertThat(jdbc.sql("select count(*) from letter where account_id = ? and template_code = 'DEPOSIT_REQUIRED'")
                .param(a.accountId()).query(Long.class).single()).isEqualTo(1);

        assertThat(review(LocalDate.of(2034, 1, 9), a).credited()).isZero();
        assertThat(held(a)).isEqualTo(Money.of("70.00"));

        DepositReview.Outcome first = review(LocalDate.of(2034, 1, 10), a);
        assertThat(first.credited()).isEqualTo(1);
        assertThat(first.creditedTotal()).isEqualTo(Money.of("70.00"));
        assertThat(held(a)).isEqualTo(Money.ZERO);
        assertThat(lines("deposit-release:" + d.id())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "2100 Dr", new BigDecimal("70.00"), "1200 Cr", new BigDecimal("70.00")));
        // the unpaid installment and the credit cancel: the account owes nothing
        assertThat(balance(a, "WATER")).isEqualTo(Money.ZERO);
        assertThat(jdbc.sql("select count(*) from letter where account_id = ? and template_code = 'DEPOSIT_CREDITED'")
                .param(a.accountId()).query(Long.class).single()).isEqualTo(1);

        // run twice (and the day after): the same result, one entry, one event
        DepositReview.Outcome second = review(LocalDate.of(2034, 1, 10), a);
        assertThat(second.credited()).isZero();
        assertThat(review(LocalDate.of(2034, 1, 11), a).credited()).isZero();
        assertThat(entries("deposit-release:" + d.id())).isEqualTo(1);
        assertThat(deposits.deposit(a.accountId()).events()).extracting(Deposits.DepositEvent::kind).containsExactly("CREDITED");
        assertThatThrownBy(() -> jdbc.sql("delete from collections_deposit_event where deposit_id = ?").param(d.id()).update())
                .hasMessageContaining("never changed");
    }

    @Test
    void aLatePaymentRestartsTheTwelveMonths() {
        TestBills.TestAccount a = newAccount(LocalDate.of(2033, 1, 3));
        requireDeposit(a, LocalDate.of(2033, 1, 10));
        // a late fee charged on 2033-06-05 (the late-fee job's decision row)
        jdbc.sql("""
                insert into collections_late_fee (bill_id, account_number, assessed_on, past_due, fee, reasons, ledger_entry_id, created_at)
                values (-nextval('account_number_seq'), ?, ?, 80.00, 1.20, 'test', 0, now())""")
                .params(a.accountNumber(), LocalDate.of(2033, 6, 5)).update();
        assertThat(review(LocalDate.of(2034, 1, 10), a).credited()).isZero();
        assertThat(review(LocalDate.of(2034, 6, 4), a).credited()).isZero();
        assertThat(review(LocalDate.of(2034, 6, 5), a).credited()).isEqualTo(1);
    }

    @Test
    void aReturnedPaymentRestartsTheTwelveMonths() {
        TestBills.TestAccount a = newAccount(LocalDate.of(2033, 1, 3));
        requireDeposit(a, LocalDate.of(2033, 1, 10));
        CashieringFixture.signInWithAll("headcashier");
        today(LocalDate.of(2033, 3, 1));
        PostedPayment p = payments.post(new NewPayment(CashieringFixture.key(), TenderSource.REMITTANCE_DESK, null,
                LocalDate.of(2033, 3, 1), List.of(CashieringFixture.check("70.00", "2001")),
                List.of(new NewPayment.Allocation(new org.civicdesk.cashiering.PaymentTarget("utility-account", a.accountNumber()),
                        Money.of("70.00"))), "Lucia", null));
        today(LocalDate.of(2033, 3, 5));
        payments.returnPayment(p.paymentId(), "R01", "Insufficient funds");
        SecurityContextHolder.clearContext();

        assertThat(review(LocalDate.of(2034, 1, 10), a).credited()).isZero();
        assertThat(review(LocalDate.of(2034, 3, 4), a).credited()).isZero();
        DepositReview.Outcome credited = review(LocalDate.of(2034, 3, 5), a);
        assertThat(credited.credited()).isEqualTo(1);
        assertThat(credited.reviewed()).isEqualTo(1);
    }

    @Test
    void atTheFinalBillTheDepositPaysWhatIsOwedAndTheRestIsRefundedThroughTheRefundWorkflow() {
        TestBills.TestAccount a = newAccount(LocalDate.of(2033, 1, 3));
        Deposits.Deposit d = requireDeposit(a, LocalDate.of(2033, 1, 10));
        Receivable water = ledger.findReceivable("utility-account", "WATER", a.accountNumber()).orElseThrow();
        // a final bill of 45.00 after the stop on 2033-05-01; everything but 20.00 paid
        jdbc.sql("update service_agreement set status = 'STOPPED', end_date = ?, final_bill_requested = true where account_id = ?")
                .params(LocalDate.of(2033, 5, 1), a.accountId()).update();
        TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2033, 4, 1), LocalDate.of(2033, 5, 1), 3, new BigDecimal("3"), false),
                "en", Money.ZERO, Money.ZERO, null);
        ledger.post(new JournalEntryRequest("test-final:" + a.accountNumber(), LocalDate.of(2033, 5, 2), "billing", "Final bill",
                List.of(JournalLineRequest.debit("WATER", "1200", Money.of("45.00")).receivable(water.id()).due(LocalDate.of(2033, 5, 23)),
                        JournalLineRequest.credit("WATER", "4010", Money.of("45.00")))));
        ledger.post(new JournalEntryRequest("test-pay:" + a.accountNumber(), LocalDate.of(2033, 5, 10), "cashiering", "Payment",
                List.of(JournalLineRequest.debit("WATER", "1010", Money.of("95.00")),
                        JournalLineRequest.credit("WATER", "1200", Money.of("95.00")).receivable(water.id()))));
        assertThat(review(LocalDate.of(2033, 5, 1), a).applied()).isZero(); // the final bill is not issued yet

        DepositReview.Outcome outcome = review(LocalDate.of(2033, 5, 3), a);
        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(outcome.appliedTotal()).isEqualTo(Money.of("20.00"));
        assertThat(outcome.refundedTotal()).isEqualTo(Money.of("50.00"));
        assertThat(lines("deposit-release:" + d.id())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "2100 Dr", new BigDecimal("70.00"), "1200 Cr", new BigDecimal("20.00"), "2200 Cr", new BigDecimal("50.00")));
        assertThat(balance(a, "WATER")).isEqualTo(Money.ZERO);
        Map<String, Object> refund = jdbc.sql("select status, amount, fund_code, target_reference from cashiering_refund where id = ?")
                .param(deposits.deposit(a.accountId()).events().get(0).refundId()).query().singleRow();
        assertThat(refund.get("status")).isEqualTo("REQUESTED");
        assertThat((BigDecimal) refund.get("amount")).isEqualByComparingTo("50.00");
        assertThat(refund.get("fund_code")).isEqualTo("WATER");
        assertThat(jdbc.sql("select count(*) from letter where account_id = ? and template_code = 'DEPOSIT_APPLIED'")
                .param(a.accountId()).query(Long.class).single()).isEqualTo(1);
        assertThat(review(LocalDate.of(2033, 5, 3), a).applied()).isZero();
        assertThat(jdbc.sql("select count(*) from cashiering_refund where target_reference = ?").param(a.accountNumber())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPendingSuretyBondTakesOneMonthInCashAndLapsesAfterTenBusinessDaysOrIsReceived() {
        TestBills.TestAccount lapsing = newAccount(LocalDate.of(2033, 1, 3));
        TestBills.TestAccount bonded = newAccount(LocalDate.of(2033, 1, 3));
        TestBills.TestAccount residential = newAccount(LocalDate.of(2033, 1, 3));
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id in (?, ?)").params(lapsing.accountId(), bonded.accountId()).update();
        today(LocalDate.of(2033, 1, 10)); // a Monday
        assertThatThrownBy(() -> deposits.requireWithBondPending(new AccountNumber(residential.accountNumber())))
                .hasMessageContaining("commercial");
        Deposits.Deposit d = deposits.requireWithBondPending(new AccountNumber(lapsing.accountNumber()));
        assertThat(d.bond().status()).isEqualTo("PENDING");
        assertThat(d.bond().dueBy()).isEqualTo(LocalDate.of(2033, 1, 24));
        assertThat(d.bond().fullAmount()).isEqualTo(Money.of("70.00"));
        assertThat(d.amount()).isEqualTo(Money.of("30.00")); // 70 / 2.5 = 28, rounded up to 30
        deposits.requireWithBondPending(new AccountNumber(bonded.accountNumber()));

        today(LocalDate.of(2033, 1, 20));
        Deposits.Deposit received = deposits.bondReceived(new AccountNumber(bonded.accountNumber()), "SB-2033-17");
        assertThat(received.bond().status()).isEqualTo("RECEIVED");
        assertThat(received.held()).isEqualTo(Money.ZERO);
        assertThat(balance(bonded, "WATER")).isEqualTo(Money.ZERO);

        assertThat(review(LocalDate.of(2033, 1, 24), lapsing, bonded).bondsLapsed()).isZero();
        assertThat(review(LocalDate.of(2033, 1, 25), lapsing, bonded).bondsLapsed()).isEqualTo(1);
        Deposits.Deposit lapsed = deposits.deposit(lapsing.accountId());
        assertThat(lapsed.bond().status()).isEqualTo("LAPSED");
        assertThat(lapsed.held()).isEqualTo(Money.of("70.00"));
        assertThat(balance(lapsing, "WATER")).isEqualTo(Money.of("70.00"));
        assertThat(review(LocalDate.of(2033, 1, 26), lapsing, bonded).bondsLapsed()).isZero();
        assertThat(entries("deposit-top-up:" + lapsed.id())).isEqualTo(1);
    }

    @Test
    void theCreditCheckProviderAnswersAndTheAnswerIsKept() {
        TestBills.TestAccount a = newAccount(LocalDate.of(2033, 1, 3));
        today(LocalDate.of(2033, 1, 10));
        Deposits.CreditCheckRun run = deposits.runCreditCheck(new AccountNumber(a.accountNumber()));
        assertThat(run.provider()).contains("test provider");
        assertThat(deposits.lastCreditCheck(a.accountId()).result()).isEqualTo(run.result());
        assertThat(run.reasons().get(0)).contains("digit sum");
    }
}
