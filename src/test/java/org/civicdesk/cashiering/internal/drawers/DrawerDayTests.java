package org.civicdesk.cashiering.internal.drawers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.cashiering.CashieringFixture.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.internal.cards.TestCardProcessor;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** A cashier's day: open, split payments, a void with approval, closes with $3 short and $6 over, deposit, DCR. */
@CivicDeskTest
class DrawerDayTests {

    private static final AtomicInteger DAY = new AtomicInteger();

    @Autowired Drawers drawers;
    @Autowired CounterPayments counter;
    @Autowired DailyCashReports reports;
    @Autowired TestCardProcessor cards;
    @Autowired Approvals approvals;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired SettableClock clock;

    private Instant restore;

    /** A business day of its own, so the day's report holds only this test's drawers. */
    private LocalDate ownDay() {
        restore = clock.instant();
        LocalDate day = LocalDate.of(2031, 1, 5).plusDays(DAY.incrementAndGet() * 3L + (System.nanoTime() % 200) * 7);
        clock.set(day.atTime(9, 0).atZone(ZoneId.of("America/Phoenix")).toInstant());
        return day;
    }

    @AfterEach
    void restoreClock() {
        if (restore != null) {
            clock.set(restore);
        }
        SecurityContextHolder.clearContext();
    }

    private static String cashier() {
        String name = "cashier-" + System.nanoTime();
        signIn(name, Permission.PAYMENT_TAKE, Permission.BILLING_VIEW);
        return name;
    }

    private NewPayment atDrawer(long drawerId, List<NewPayment.Tender> tenders, List<NewPayment.Allocation> allocations) {
        return new NewPayment(key(), TenderSource.DRAWER, drawerId, null, tenders, allocations, "Walk-in", null);
    }

    private static DrawerCount count(String cash, String checks, String cardsTotal) {
        return new DrawerCount(DrawerCount.piecesFor(Money.of(cash)), Money.ZERO,
                checks == null ? List.of() : List.of(new DrawerCount.CountedCheck("1", Money.of(checks))), Money.of(cardsTotal));
    }

    @Test
    void aCashierDayBalancesAndTheDailyCashReportTiesToTheTrialBalance() {
        LocalDate day = ownDay();
        TestAccount a = account(jdbc, "en", "ACTIVE");
        charge(ledger, a, "WATER", "60.00", day.minusDays(30), day.minusDays(5), "billing");
        String who = cashier();
        Drawers.Drawer d = drawers.open(null);
        assertThat(d.openingFloat()).isEqualTo(Money.of("200.00"));
        assertThatThrownBy(() -> drawers.open(null)).hasMessageContaining("already have an open drawer");

        // split: $50 cash + $30 card across the utility account ($60) and a miscellaneous receipt ($20)
        String token = cards.testToken("4242 4242 4242 4242").token();
        PostedPayment split = counter.take(atDrawer(d.id(),
                List.of(cash("50.00"), new NewPayment.Tender(org.civicdesk.cashiering.TenderType.CREDIT_CARD, Money.of("30.00"),
                        null, token, "VISA", "4242")),
                List.of(toAccount(a, "60.00"), misc("COPIES", "20.00"))));
        assertThat(split.amount()).isEqualTo(Money.of("80.00"));
        // cash with change, and a check
        PostedPayment change = counter.take(atDrawer(d.id(), List.of(cash("20.00")), List.of(misc("POLICE_REPORT", "12.50"))));
        assertThat(change.changeGiven()).isEqualTo(Money.of("7.50"));
        PostedPayment check = counter.take(atDrawer(d.id(), List.of(check("45.00", "2201")), List.of(misc("PERMIT", "45.00"))));
        PostedPayment voided = counter.take(atDrawer(d.id(), List.of(cash("10.00")), List.of(misc("COPIES", "10.00"))));

        // a declined card refuses the payment naming the tender; nothing is written
        String declined = cards.testToken("4000 0000 0000 0002").token();
        long before = jdbc.sql("select count(*) from cashiering_payment where drawer_id = ?").param(d.id()).query(Long.class).single();
        assertThatThrownBy(() -> counter.take(atDrawer(d.id(), List.of(new NewPayment.Tender(
                org.civicdesk.cashiering.TenderType.CREDIT_CARD, Money.of("5.00"), null, declined, "VISA", "0002")),
                List.of(misc("COPIES", "5.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("payment.card-declined");
                    assertThat(e.problems().get(0).field()).isEqualTo("tenders[0].cardToken");
                    assertThat(e.getMessage()).contains("insufficient funds");
                });
        assertThat(jdbc.sql("select count(*) from cashiering_payment where drawer_id = ?").param(d.id()).query(Long.class).single())
                .isEqualTo(before);

        // void: requested by the cashier, not done until a supervisor approves; the cashier cannot approve it
        ApprovalRequest request = drawers.requestVoid(voided.paymentId(), "Rang up twice");
        assertThat(jdbc.sql("select count(*) from cashiering_payment_reversal where payment_id = ?").param(voided.paymentId())
                .query(Long.class).single()).isZero();
        signIn(who, Permission.PAYMENT_TAKE, Permission.PAYMENT_VOID_APPROVE);
        assertThatThrownBy(() -> approvals.approve(request.id(), "mine")).isNotNull();
        signIn("supervisor-" + System.nanoTime(), Permission.PAYMENT_VOID_APPROVE, Permission.STAFF_HOME);
        approvals.approve(request.id(), "seen the duplicate");
        assertThat(jdbc.sql("select kind from cashiering_payment_reversal where payment_id = ?").param(voided.paymentId())
                .query(String.class).single()).isEqualTo("VOID");

        // expected in the drawer: 200 float + 50 + 20 + 45 (check) - 7.50 change = 307.50; count $3 short
        signIn(who, Permission.PAYMENT_TAKE);
        Drawers.Totals t = drawers.totals(d.id());
        assertThat(t.expectedCount()).isEqualTo(Money.of("307.50"));
        assertThat(t.ledgerCash()).isEqualTo(Money.of("107.50"));
        Drawers.CloseResult closed = drawers.close(d.id(), count("259.50", "45.00", "30.00"), null);
        assertThat(closed.overShort()).isEqualTo(Money.of("-3.00"));
        assertThat(closed.needsApproval()).isFalse();
        assertThat(closed.drawer().status()).isEqualTo("CLOSED");
        // the drawer's cash in the ledger equals what the count found, less the float
        assertThat(drawers.totals(d.id()).ledgerCash()).isEqualTo(Money.of("104.50"));
        // closed drawer refuses payments
        assertThatThrownBy(() -> counter.take(atDrawer(d.id(), List.of(cash("1.00")), List.of(misc("COPIES", "1.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.code()).isEqualTo("payment.drawer-closed"));
        // after the close a void is refused: only a reversal
        assertThatThrownBy(() -> drawers.requestVoid(check.paymentId(), "late")).hasMessageContaining("only a reversal");

        // a second cashier is $6 over: the close waits for a head cashier
        String second = cashier();
        Drawers.Drawer d2 = drawers.open(null);
        counter.take(atDrawer(d2.id(), List.of(cash("40.00")), List.of(toAccount(a, "40.00"))));
        Drawers.CloseResult pending = drawers.close(d2.id(), count("246.00", null, "0.00"), "Found an extra $6 under the tray");
        assertThat(pending.needsApproval()).isTrue();
        assertThat(pending.drawer().status()).isEqualTo("CLOSE_PENDING");
        signIn("headcashier-" + System.nanoTime(), Permission.DRAWER_SUPERVISE, Permission.STAFF_HOME);
        approvals.approve(pending.approvalRequestId(), "counted again with the cashier");
        assertThat(drawers.drawer(d2.id()).status()).isEqualTo("CLOSED");
        assertThat(drawers.drawer(d2.id()).overShort()).isEqualTo(Money.of("6.00"));

        // deposit by the head cashier: 104.50 + 46.00
        Drawers.Deposit deposit = drawers.deposit(List.of(d.id(), d2.id()), "Bank slip 5531");
        assertThat(deposit.total()).isEqualTo(Money.of("150.50"));
        assertThat(deposit.checks()).isEqualTo(Money.of("45.00"));
        assertThat(deposit.byFund().values().stream().reduce(Money.ZERO, Money::plus)).isEqualTo(Money.of("150.50"));

        DailyCashReports.DailyCashReport r = reports.report(day);
        assertThat(r.drawers()).hasSize(2);
        assertThat(r.ties()).as("tie-out %s", r.tieOut()).isTrue();
        assertThat(r.recordsNetDrawerCash()).isEqualTo(Money.ZERO);
        assertThat(r.overShort()).isEqualTo(Money.of("3.00"));
        assertThat(r.cardsTaken()).isEqualTo(Money.of("30.00"));
        assertThat(r.reversals()).extracting(DailyCashReports.Reversal::kind).containsExactly("VOID");
        assertThat(r.totalCollections()).isEqualTo(Money.of("177.50"));
        assertThat(reports.csv(r)).contains("tie-out,ties,yes,0");
        assertThat(second).isNotBlank();
    }

    @Test
    void aCashOnlyAccountRefusesAChequeAtTheDrawerWithTheReason() {
        ownDay();
        TestAccount a = account(jdbc, "en", "ACTIVE");
        signInWithAll("csr-" + System.nanoTime());
        jdbc.sql("""
                insert into account_alert (account_id, alert_type, note, starts_on, created_at, created_by)
                values (?, 'CASH_ONLY', 'Two returned checks in 2030', current_date - 1, now(), 'test')""")
                .param(a.accountId()).update();
        cashier();
        Drawers.Drawer d = drawers.open(null);
        assertThatThrownBy(() -> counter.take(atDrawer(d.id(), List.of(check("20.00", "88")), List.of(toAccount(a, "20.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("payment.cash-only");
                    assertThat(e.getMessage()).contains("Two returned checks in 2030");
                });
        assertThat(counter.take(atDrawer(d.id(), List.of(cash("20.00")), List.of(toAccount(a, "20.00")))).amount())
                .isEqualTo(Money.of("20.00"));
    }

    @Test
    void onlyAHeadCashierSetsAnotherFloat() {
        ownDay();
        cashier();
        assertThatThrownBy(() -> drawers.open(Money.of("150.00")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("openingFloat"));
        signIn("head-" + System.nanoTime(), Permission.PAYMENT_TAKE, Permission.DRAWER_SUPERVISE);
        assertThat(drawers.open(Money.of("150.00")).openingFloat()).isEqualTo(Money.of("150.00"));
    }
}
