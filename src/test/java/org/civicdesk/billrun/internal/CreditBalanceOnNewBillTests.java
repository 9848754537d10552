package org.civicdesk.billrun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** A credit balance on an account pays the charges of its next bill, oldest first, across funds. */
@CivicDeskTest
@Import(BillingTestConfiguration.class)
@org.springframework.test.context.TestPropertySource(properties = {"civicdesk.billing.run.poll-every=PT1H",
        "civicdesk.billing.run.poll-first-after=PT1H"})
class CreditBalanceOnNewBillTests {

    @Autowired BillRuns runs;
    @Autowired BillRunWorker worker;
    @Autowired FakeBillingReads reads;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired Payments payments;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private Map<String, Money> receivables(String account) {
        Map<String, Money> m = new TreeMap<>();
        for (var fund : List.of("WATER", "WASTEWATER")) {
            ledger.findReceivable("utility-account", fund, account)
                    .ifPresent(r -> m.put(fund, ledger.receivableBalance(r.id(), null).balance()));
        }
        return m;
    }

    @Test
    void theNextBillTakesTheCreditAndAReturnOfThePaymentGivesTheChargesBack() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(14, "en");
        // a payment names the account by a valid account number (check digit)
        String number = org.civicdesk.customer.AccountNumber.fromSequence(
                jdbc.sql("select nextval('account_number_seq')").query(Long.class).single()).value();
        jdbc.sql("update account set account_number = ? where id = ?").params(number, a.id()).update();
        long water = city.agreement(a, "WATER", "W1.1", LocalDate.of(2026, 1, 1));
        city.agreement(a, "WASTEWATER", "S1.1", LocalDate.of(2026, 1, 1));
        city.wqa(water, LocalDate.of(2025, 4, 1), "6.50");
        reads.read(water, LocalDate.of(2026, 2, 8), 100);
        reads.read(water, LocalDate.of(2026, 3, 10), 112);
        CashieringFixture.signInWithAll("headcashier");
        // nothing owed yet: the whole payment is a credit balance (unapplied credits of the Water fund)
        PostedPayment credit = payments.post(new NewPayment(CashieringFixture.key(), TenderSource.REMITTANCE_DESK, null,
                LocalDate.of(2026, 3, 1), List.of(CashieringFixture.check("50.00", "77")),
                List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", number), Money.of("50.00"))),
                "Rosa", null));

        BillRunView started = runs.start(new BillRuns.StartRun(14, "ISSUE", LocalDate.of(2026, 3, 10),
                LocalDate.of(2026, 3, 11)), false);
        worker.drain();
        assertThat(runs.run(started.id()).status()).isEqualTo("COMPLETED");

        // 72.40 water and 42.48 wastewater, both due on one date: by fund, wastewater first, then 7.52 of water
        assertThat(receivables(number)).containsEntry("WASTEWATER", Money.of("0.00"))
                .containsEntry("WATER", Money.of("64.88"));
        Map<String, Object> applied = jdbc.sql("select * from cashiering_credit_application where payment_id = ?")
                .param(credit.paymentId()).query().singleRow();
        assertThat((BigDecimal) applied.get("amount")).isEqualByComparingTo("50.00");
        var entry = ledger.entry((Long) applied.get("ledger_entry_id"));
        assertThat(entry.lines()).extracting(l -> l.account().fund() + " " + l.account().code() + " " + l.side() + " " + l.amount())
                .containsExactlyInAnyOrder("WATER 2200 DEBIT 50.00", "WASTEWATER 1200 CREDIT 42.48",
                        "WATER 1200 CREDIT 7.52", "WATER 2900 CREDIT 42.48", "WASTEWATER 1900 DEBIT 42.48");
        // a second bill run over the same accounts finds no credit left
        BillRunView again = runs.start(new BillRuns.StartRun(14, "ISSUE", LocalDate.of(2026, 3, 10),
                LocalDate.of(2026, 3, 11)), false);
        worker.drain();
        assertThat(jdbc.sql("select count(*) from cashiering_credit_application where payment_id = ?")
                .param(credit.paymentId()).query(Long.class).single()).isOne();
        assertThat(again).isNotNull();

        // the check bounces: the application is reversed first, so both charges owe again (plus the $25 fee)
        payments.returnPayment(credit.paymentId(), "R01", "Insufficient funds");
        assertThat(receivables(number)).containsEntry("WASTEWATER", Money.of("42.48"))
                .containsEntry("WATER", Money.of("97.40"));
        assertThat(jdbc.sql("select reversal_entry_id from cashiering_credit_application where payment_id = ?")
                .param(credit.paymentId()).query(Long.class).single()).isNotNull();
    }
}
