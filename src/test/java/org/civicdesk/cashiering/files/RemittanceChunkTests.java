package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.cashiering.CashieringFixture.account;
import static org.civicdesk.cashiering.CashieringFixture.charge;
import static org.civicdesk.cashiering.CashieringFixture.signInWithAll;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.PaymentPosted;
import org.civicdesk.cashiering.PaymentsPosted;
import org.civicdesk.cashiering.internal.files.RemittanceImports;
import org.civicdesk.cashiering.internal.files.RemittanceImports.ImportReport;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * One chunk of a lockbox file posted set-based: several lines for one account applied oldest first in file
 * order, a closed account's payment held for a refund unless the account still owes, an unknown account in
 * suspense, one audit record per payment, one batch event for the chunk, and a re-import that changes nothing.
 */
@CivicDeskTest
@RecordApplicationEvents
class RemittanceChunkTests {

    @Autowired RemittanceImports imports;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;
    @Autowired ApplicationEvents events;
    @Autowired org.civicdesk.cashiering.internal.payments.CashieringSettings settings;

    static final String UNKNOWN = org.civicdesk.customer.AccountNumber.fromSequence(999_999_997L).value();

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

    private String file(String batch, String... lines) {
        StringBuilder text = new StringBuilder("batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n");
        for (int i = 0; i < lines.length; i++) {
            text.append(batch).append(',').append(i + 1).append(',').append(lines[i]).append(',').append(today)
                    .append(',').append(5000 + i).append(",\n");
        }
        return text.toString();
    }

    private Money balance(Receivable r) {
        return ledger.receivableBalance(r.id(), today).balance();
    }

    /** Allocations of the batch's payment for one line: kind, fund and amount, in line order. */
    private List<String> allocations(String batch, int sequence) {
        return jdbc.sql("""
                select a.kind || ' ' || a.fund_code || ' ' || a.amount from cashiering_payment_allocation a
                join cashiering_payment p on p.id = a.payment_id where p.idempotency_key = :k order by a.line_no""")
                .param("k", "lockbox:" + batch + ":" + sequence).query(String.class).list();
    }

    private long count(String sql, String batch) {
        return jdbc.sql(sql).param("p", "lockbox:" + batch + ":%").query(Long.class).single();
    }

    @Test
    void aChunkPostsEveryKindOfLineSetBasedAndAReimportChangesNothing() {
        TestAccount owing = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, owing, "WATER", "50.00", today.minusDays(40), today.minusDays(19), "billing");
        Receivable electric = charge(ledger, owing, "ELECTRIC", "30.00", today.minusDays(10), today.plusDays(11), "billing");
        TestAccount closed = account(jdbc, "en", "CLOSED");
        TestAccount closedOwing = account(jdbc, "en", "CLOSED");
        Receivable finalBill = charge(ledger, closedOwing, "WATER", "25.00", today.minusDays(30), today.minusDays(9), "billing");
        String batch = "LBC" + System.nanoTime();
        String text = file(batch,
                owing.accountNumber() + ",40.00",
                closed.accountNumber() + ",12.00",
                UNKNOWN + ",9.00",
                owing.accountNumber() + ",60.00",
                closedOwing.accountNumber() + ",25.00");

        ImportReport report = imports.importFile("chunk.csv", text.getBytes(StandardCharsets.UTF_8), Optional.empty());

        assertThat(report.posted()).isEqualTo(4);
        assertThat(report.suspended()).isEqualTo(1);
        assertThat(report.exceptions()).singleElement().satisfies(l -> {
            assertThat(l.sequence()).isEqualTo(3);
            assertThat(l.reason()).contains("No account " + UNKNOWN);
        });
        // the first line pays the oldest item; the second (same account, same chunk) sees what the first left
        assertThat(allocations(batch, 1)).containsExactly("RECEIVABLE WATER 40.00");
        assertThat(allocations(batch, 4)).containsExactlyInAnyOrder("RECEIVABLE WATER 10.00", "RECEIVABLE ELECTRIC 30.00",
                "UNAPPLIED_CREDIT " + unappliedFund() + " 20.00");
        assertThat(balance(water)).isEqualTo(Money.ZERO);
        assertThat(balance(electric)).isEqualTo(Money.ZERO);
        // a closed account that owes nothing: held for a refund; one that owes its final bill: applied to it
        assertThat(allocations(batch, 2)).singleElement().satisfies(a -> assertThat(a).startsWith("REFUND_DUE "));
        assertThat(allocations(batch, 5)).containsExactly("RECEIVABLE WATER 25.00");
        assertThat(balance(finalBill)).isEqualTo(Money.ZERO);
        String refundSql = """
                select count(*) from cashiering_refund r join cashiering_payment p on p.id = r.payment_id
                where p.idempotency_key like :p""";
        assertThat(count(refundSql, batch)).isEqualTo(1);
        String auditSql = """
                select count(*) from audit_event e join cashiering_payment p on e.record_id = p.id::text
                where e.record_type = 'payment' and e.action = 'posted' and p.idempotency_key like :p""";
        assertThat(count(auditSql, batch)).isEqualTo(4);
        // one event for the chunk, listing its payments; none one by one
        List<PaymentsPosted> batches = events.stream(PaymentsPosted.class).toList();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).payments()).extracting(PaymentPosted::amount)
                .containsExactly(Money.of("40.00"), Money.of("12.00"), Money.of("60.00"), Money.of("25.00"));
        assertThat(events.stream(PaymentPosted.class)).isEmpty();
        // every payment's entry balances and moved the money once
        BigDecimal posted = jdbc.sql("""
                select coalesce(sum(l.debit), 0) from ledger_journal_line l join ledger_journal_entry e on e.id = l.entry_id
                where e.idempotency_key like :p""").param("p", "payment:lockbox:" + batch + ":%").query(BigDecimal.class).single();
        assertThat(Money.of(posted)).isEqualTo(Money.of("137.00"));

        events.clear();
        ImportReport again = imports.importFile("chunk.csv", text.getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertThat(again.alreadyImported()).isTrue();
        assertThat(count("select count(*) from cashiering_payment where idempotency_key like :p", batch)).isEqualTo(4);
        assertThat(count(refundSql, batch)).isEqualTo(1);
        assertThat(count(auditSql, batch)).isEqualTo(4);
        assertThat(events.stream(PaymentsPosted.class)).isEmpty();
        assertThat(balance(water)).isEqualTo(Money.ZERO);
    }

    private String unappliedFund() {
        return settings.unappliedCreditFund();
    }
}
