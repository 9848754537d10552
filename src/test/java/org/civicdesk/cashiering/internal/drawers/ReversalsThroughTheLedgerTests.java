package org.civicdesk.cashiering.internal.drawers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.cashiering.CashieringFixture.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.internal.payments.PaymentReversals;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
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
 * Returns and after-close reversals are the ledger's reversal of the payment (linked to it, receivables re-opened);
 * drawer money that went to the bank in the deposit comes back out of the bank by a charge-back entry.
 */
@CivicDeskTest
class ReversalsThroughTheLedgerTests {

    private static final AtomicInteger DAY = new AtomicInteger();

    @Autowired Drawers drawers;
    @Autowired CounterPayments counter;
    @Autowired Payments payments;
    @Autowired PaymentReversals reversals;
    @Autowired DailyCashReports reports;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired SettableClock clock;

    private Instant restore;

    private LocalDate ownDay() {
        restore = clock.instant();
        LocalDate day = LocalDate.of(2032, 2, 3).plusDays(DAY.incrementAndGet() * 3L + (System.nanoTime() % 200) * 7);
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

    private static DrawerCount count(String cash, String checks) {
        return new DrawerCount(DrawerCount.piecesFor(Money.of(cash)), Money.ZERO,
                List.of(new DrawerCount.CountedCheck("1", Money.of(checks))), Money.ZERO);
    }

    /** Net debits by fund and account over the given entries. */
    private Map<String, BigDecimal> net(Long... entryIds) {
        Map<String, BigDecimal> m = new TreeMap<>();
        jdbc.sql("""
                select l.fund_code || ' ' || a.code, sum(l.debit - l.credit) from ledger_journal_line l
                join ledger_account a on a.id = l.account_id where l.entry_id = any(?) group by 1 having sum(l.debit - l.credit) <> 0""")
                .param(entryIds).query(rs -> {
                    m.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return m;
    }

    @Test
    void aReturnedCheckFromADepositedDrawerReversesThePaymentAndTheBankChargesItBack() {
        LocalDate day = ownDay();
        TestAccount a = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "70.00", day.minusDays(30), day.minusDays(5), "billing");
        signIn("cashier-" + System.nanoTime(), Permission.PAYMENT_TAKE, Permission.BILLING_VIEW);
        Drawers.Drawer d = drawers.open(null);
        PostedPayment p = counter.take(new NewPayment(key(), TenderSource.DRAWER, d.id(), null,
                List.of(check("70.00", "7001")), List.of(toAccount(a, "70.00")), "Walk-in", null));
        drawers.close(d.id(), count("200.00", "70.00"), null);
        signInWithAll("headcashier-" + System.nanoTime());
        Drawers.Deposit deposit = drawers.deposit(List.of(d.id()), "slip");
        assertThat(ledger.receivableBalance(water.id(), day).balance()).isEqualTo(Money.ZERO);

        PostedPayment returned = payments.returnPayment(p.paymentId(), "CHECK", "NSF");

        PostedEntry reversal = ledger.entry(returned.ledgerEntryId());
        assertThat(reversal.reversesEntryId()).as("the reversal names the payment's entry").isEqualTo(p.ledgerEntryId());
        assertThat(ledger.entry(p.ledgerEntryId()).reversedByEntryId()).isEqualTo(reversal.id());
        // 70 back on the account plus the $25 fee
        assertThat(ledger.receivableBalance(water.id(), day).balance()).isEqualTo(Money.of("95.00"));
        Long bank = jdbc.sql("select bank_entry_id from cashiering_payment_reversal where payment_id = ?")
                .param(p.paymentId()).query(Long.class).single();
        assertThat(ledger.entry(bank).idempotencyKey()).isEqualTo("payment-return:" + p.paymentId());
        // the charge-back takes from the bank what the reversal took from cash in drawers
        assertThat(net(bank)).containsOnly(Map.entry("WATER 1010", new BigDecimal("-70.00")),
                Map.entry("WATER 1020", new BigDecimal("70.00")));
        // payment, deposit, reversal and charge-back net to nothing: no money left in the drawer or the bank
        assertThat(net(p.ledgerEntryId(), deposit.ledgerEntryId(), reversal.id(), bank)).isEmpty();
        // the day's cash in drawers still ties
        assertThat(reports.report(day).ties()).isTrue();
    }

    @Test
    void aReversalOfAFilePaymentIsTheLedgersReversalAlone() {
        LocalDate day = ownDay();
        TestAccount a = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "40.00", day.minusDays(30), day.minusDays(5), "billing");
        signInWithAll("headcashier-" + System.nanoTime());
        PostedPayment p = payments.post(new NewPayment(key(), TenderSource.REMITTANCE_DESK, null, day,
                List.of(check("40.00", "88")), List.of(toAccount(a, "40.00")), "Rosa", null));
        PostedPayment reversed = reversals.reversePayment(p.paymentId(), "Posted to the wrong account");
        assertThat(ledger.entry(reversed.ledgerEntryId()).reversesEntryId()).isEqualTo(p.ledgerEntryId());
        assertThat(jdbc.sql("select bank_entry_id from cashiering_payment_reversal where payment_id = ?")
                .param(p.paymentId()).query(Long.class).optional()).isEmpty();
        assertThat(ledger.receivableBalance(water.id(), day).balance()).isEqualTo(Money.of("40.00"));
        // the re-opened charge is due again on the day of the reversal
        assertThat(ledger.aging(water.id(), day).current()).isEqualTo(Money.of("40.00"));
    }
}
