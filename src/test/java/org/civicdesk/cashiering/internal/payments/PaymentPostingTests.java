package org.civicdesk.cashiering.internal.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.cashiering.CashieringFixture.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** Payments through the public API: application, overpayment, closed accounts, idempotency, returns. */
@CivicDeskTest
class PaymentPostingTests {

    @Autowired Payments payments;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    LocalDate today;

    @BeforeEach
    void signInAsHeadCashier() {
        signInWithAll("headcashier");
        today = LocalDate.now(clock);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private NewPayment desk(String key, List<NewPayment.Tender> tenders, List<NewPayment.Allocation> allocations) {
        return new NewPayment(key, TenderSource.REMITTANCE_DESK, null, today, tenders, allocations, "Rosa", null);
    }

    private Money balance(Receivable r) {
        return ledger.receivableBalance(r.id(), today).balance();
    }

    private Map<String, BigDecimal> allocations(long paymentId) {
        Map<String, BigDecimal> m = new java.util.TreeMap<>();
        jdbc.sql("select kind || ':' || fund_code, amount from cashiering_payment_allocation where payment_id = ?")
                .param(paymentId).query(rs -> {
                    m.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                });
        return m;
    }

    @Test
    void aPaymentPaysTheOldestDueItemsAcrossFundsFirstAndTheRestBecomesACredit() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "40.00", today.minusDays(60), today.minusDays(39), "billing");
        Receivable trash = charge(ledger, a, "SOLID_WASTE", "25.00", today.minusDays(30), today.minusDays(9), "billing");
        charge(ledger, a, "WATER", "50.00", today.minusDays(30), today.minusDays(9), "billing");

        PostedPayment p = payments.post(desk(key(), List.of(check("70.00", "1001")), List.of(toAccount(a, "70.00"))));
        // oldest first: water 40 (due 39 days ago), then the items due 9 days ago: solid waste 25, water 5
        assertThat(balance(water)).isEqualTo(Money.of("45.00"));
        assertThat(balance(trash)).isEqualTo(Money.of("0.00"));
        assertThat(allocations(p.paymentId())).containsEntry("RECEIVABLE:WATER", new BigDecimal("45.00"))
                .containsEntry("RECEIVABLE:SOLID_WASTE", new BigDecimal("25.00"));

        PostedPayment over = payments.post(desk(key(), List.of(check("60.00", "1002")), List.of(toAccount(a, "60.00"))));
        assertThat(balance(water)).isEqualTo(Money.of("0.00"));
        assertThat(allocations(over.paymentId())).containsEntry("RECEIVABLE:WATER", new BigDecimal("45.00"))
                .containsEntry("UNAPPLIED_CREDIT:WATER", new BigDecimal("15.00"));
    }

    @Test
    void configuredPriorityKindsArePaidBeforeOlderCharges() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "40.00", today.minusDays(60), today.minusDays(39), "billing");
        Receivable deposit = charge(ledger, a, "ELECTRIC", "30.00", today.minusDays(5), today.plusDays(10), "deposit-installment");
        payments.post(desk(key(), List.of(cash("35.00")), List.of(toAccount(a, "35.00"))));
        assertThat(balance(deposit)).isEqualTo(Money.of("0.00"));
        assertThat(balance(water)).isEqualTo(Money.of("35.00"));
    }

    @Test
    void aPaymentOnAClosedAccountIsHeldForARefund() {
        TestAccount a = account(jdbc, "en", "CLOSED");
        PostedPayment p = payments.post(desk(key(), List.of(cash("20.00")), List.of(toAccount(a, "20.00"))));
        assertThat(allocations(p.paymentId())).containsOnlyKeys("REFUND_DUE:WATER");
        assertThat(jdbc.sql("select status from cashiering_refund where payment_id = ?").param(p.paymentId())
                .query(String.class).single()).isEqualTo("REQUESTED");
    }

    @Autowired RefundDesk refunds;
    @Autowired org.civicdesk.identity.Approvals approvals;

    @Test
    void aRefundIsApprovedByAnotherPersonPostedAndExportedToAccountsPayableOnce() {
        TestAccount a = account(jdbc, "en", "CLOSED");
        PostedPayment p = payments.post(desk(key(), List.of(cash("33.00")), List.of(toAccount(a, "33.00"))));
        long refundId = jdbc.sql("select id from cashiering_refund where payment_id = ?").param(p.paymentId())
                .query(Long.class).single();
        signIn("clerk-" + System.nanoTime(), org.civicdesk.identity.Permission.PAYMENT_TAKE,
                org.civicdesk.identity.Permission.REFUND_APPROVE);
        var request = refunds.submit(refundId, "Account closed before the check arrived");
        assertThatThrownBy(() -> approvals.approve(request.id(), "mine")).isNotNull();
        signIn("approver-" + System.nanoTime(), org.civicdesk.identity.Permission.REFUND_APPROVE,
                org.civicdesk.identity.Permission.STAFF_HOME);
        approvals.approve(request.id(), "ok");
        assertThat(jdbc.sql("select status from cashiering_refund where id = ?").param(refundId).query(String.class).single())
                .isEqualTo("APPROVED");
        String csv = refunds.exportToAccountsPayable();
        assertThat(csv).contains("," + refundId + ",").contains(a.customerName()).contains("33.00");
        assertThat(refunds.exportToAccountsPayable()).doesNotContain("," + refundId + ",");
    }

    @Test
    void theSameKeyAndContentReturnsTheOriginalAndOtherContentIsRefused() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        String k = key();
        PostedPayment first = payments.post(desk(k, List.of(cash("10.00")), List.of(toAccount(a, "10.00"))));
        PostedPayment again = payments.post(desk(k, List.of(cash("10.00")), List.of(toAccount(a, "10.00"))));
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.paymentId()).isEqualTo(first.paymentId());
        assertThatThrownBy(() -> payments.post(desk(k, List.of(cash("11.00")), List.of(toAccount(a, "11.00")))))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("different payment");
        assertThat(jdbc.sql("select count(*) from cashiering_payment where idempotency_key = ?").param(k)
                .query(Long.class).single()).isOne();
    }

    @Test
    void zeroNegativeAndShortTendersAreRefusedNamingTheField() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        assertThatThrownBy(() -> payments.post(desk(key(), List.of(cash("0.00")), List.of(toAccount(a, "0.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field).contains("tenders[0].amount", "allocations[0].amount"));
        assertThatThrownBy(() -> payments.post(desk(key(), List.of(cash("-5.00")), List.of(toAccount(a, "-5.00")))))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> payments.post(desk(key(), List.of(cash("10.00")), List.of(toAccount(a, "20.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.code()).isEqualTo("payment.under-tendered"));
        // only cash may exceed what is due
        assertThatThrownBy(() -> payments.post(desk(key(), List.of(check("30.00", "77")), List.of(toAccount(a, "20.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.code()).isEqualTo("payment.over-tendered"));
        PostedPayment change = payments.post(desk(key(), List.of(cash("30.00")), List.of(toAccount(a, "20.00"))));
        assertThat(change.changeGiven()).isEqualTo(Money.of("10.00"));
        assertThat(change.amount()).isEqualTo(Money.of("20.00"));
    }

    @Test
    void aReturnReversesChargesTheFeeWritesTheLetterAndTwoReturnsMakeTheAccountCashOnly() {
        TestAccount a = account(jdbc, "es", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "80.00", today.minusDays(30), today.minusDays(9), "billing");
        PostedPayment first = payments.post(desk(key(), List.of(check("80.00", "501")), List.of(toAccount(a, "80.00"))));
        assertThat(balance(water)).isEqualTo(Money.of("0.00"));
        payments.returnPayment(first.paymentId(), "R01", "Insufficient funds");
        // 80 back on the account and the $25 fee (fund WATER per the fee schedule)
        assertThat(balance(water)).isEqualTo(Money.of("105.00"));
        assertThat(payments.returnPayment(first.paymentId(), "R01", "Insufficient funds").replayed()).isTrue();
        assertThat(balance(water)).isEqualTo(Money.of("105.00"));
        assertThat(jdbc.sql("select count(*) from letter where account_id = ? and template_code = 'RETURNED_PAYMENT' and language = 'es'")
                .param(a.accountId()).query(Long.class).single()).isOne();

        PostedPayment second = payments.post(desk(key(), List.of(check("105.00", "502")), List.of(toAccount(a, "105.00"))));
        payments.returnPayment(second.paymentId(), "CHECK", "Returned check, stop payment");
        assertThat(jdbc.sql("select count(*) from account_alert where account_id = ? and alert_type = 'CASH_ONLY' and ended_at is null")
                .param(a.accountId()).query(Long.class).single()).isOne();
        assertThatThrownBy(() -> payments.post(desk(key(), List.of(check("10.00", "503")), List.of(toAccount(a, "10.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("payment.cash-only");
                    assertThat(e.problems().get(0).field()).isEqualTo("tenders[0].type");
                });
        // certified funds are still taken
        payments.post(desk(key(), List.of(new NewPayment.Tender(org.civicdesk.cashiering.TenderType.MONEY_ORDER,
                Money.of("10.00"), null, null, null, null)), List.of(toAccount(a, "10.00"))));
    }

    @Test
    void aBatchPostsAllOrNothingAndSeesItsOwnEarlierPayments() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "30.00", today.minusDays(30), today.minusDays(9), "billing");
        List<PostedPayment> posted = payments.postAll(List.of(
                desk(key(), List.of(check("20.00", "1")), List.of(toAccount(a, "20.00"))),
                desk(key(), List.of(check("20.00", "2")), List.of(toAccount(a, "20.00")))));
        assertThat(posted).hasSize(2);
        assertThat(balance(water)).isEqualTo(Money.of("-10.00").plus(Money.of("10.00")));
        assertThat(allocations(posted.get(1).paymentId())).containsEntry("UNAPPLIED_CREDIT:WATER", new BigDecimal("10.00"));
        long before = jdbc.sql("select count(*) from cashiering_payment").query(Long.class).single();
        assertThatThrownBy(() -> payments.postAll(List.of(
                desk(key(), List.of(check("20.00", "3")), List.of(toAccount(a, "20.00"))),
                desk(key(), List.of(check("20.00", "4")), List.of(misc("NO_SUCH_CODE", "20.00"))))))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThat(jdbc.sql("select count(*) from cashiering_payment").query(Long.class).single()).isEqualTo(before);
    }
}
