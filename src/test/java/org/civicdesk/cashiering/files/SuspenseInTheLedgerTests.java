package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.cashiering.CashieringFixture.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.internal.files.PaymentSuspense;
import org.civicdesk.cashiering.internal.files.RemittanceImports;
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

/** Suspense money is in the ledger from the import on, so the batch's bank credit ties; applying or refunding moves it out. */
@CivicDeskTest
class SuspenseInTheLedgerTests {

    @Autowired RemittanceImports imports;
    @Autowired PaymentSuspense suspense;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

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

    /** Net debits by fund and account over the ledger entries of the batch: its payments and its suspense items. */
    private Map<String, BigDecimal> batchLedger(String batch) {
        Map<String, BigDecimal> m = new TreeMap<>();
        jdbc.sql("""
                with items as (select * from payment_suspense where source_reference like :p),
                entries as (
                  select ledger_entry_id as id from cashiering_payment where idempotency_key like :p
                  union all select hold_entry_id from items union all select release_entry_id from items
                  union all select p.ledger_entry_id from items i join cashiering_payment p on p.id = i.payment_id)
                select l.fund_code || ' ' || a.code, sum(l.debit - l.credit) from ledger_journal_line l
                join ledger_account a on a.id = l.account_id where l.entry_id in (select id from entries)
                group by 1 having sum(l.debit - l.credit) <> 0""").param("p", "lockbox:" + batch + ":%").query(rs -> {
                    m.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return m;
    }

    private static BigDecimal bank(Map<String, BigDecimal> net) {
        return net.entrySet().stream().filter(e -> e.getKey().endsWith(" 1010")).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void theWholeBatchIsInTheBankAndSuspenseEmptiesAsItemsAreAppliedOrRefunded() {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        TestAccount b = account(jdbc, "en", "ACTIVE");
        Receivable water = charge(ledger, a, "WATER", "72.40", today.minusDays(30), today.minusDays(9), "billing");
        Receivable bWater = charge(ledger, b, "WATER", "33.00", today.minusDays(30), today.minusDays(9), "billing");
        String batch = "LB" + System.nanoTime();
        String text = "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n"
                + batch + ",1," + a.accountNumber() + ",72.40," + today + ",1,\n"
                + batch + ",2,0000000000,33.00," + today + ",2,\n"
                + batch + ",3,123,15.00," + today + ",3,\n"
                + batch + ",4," + a.accountNumber() + ",0.00," + today + ",4,\n";
        RemittanceImports.ImportReport report = imports.importFile("l.csv", text.getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertThat(report.controlTotal()).isEqualTo(Money.of("120.40"));

        Map<String, BigDecimal> net = batchLedger(batch);
        // the bank got the batch total; 48.00 of it waits in the General Fund's suspense account
        assertThat(bank(net)).isEqualByComparingTo("120.40");
        assertThat(net).containsEntry("GENERAL 2250", new BigDecimal("-48.00"));
        List<PaymentSuspense.Item> items = new ArrayList<>();
        jdbc.sql("select id from payment_suspense where source_reference like :p order by id").param("p", "lockbox:" + batch + ":%")
                .query(Long.class).list().forEach(id -> items.add(suspense.item(id)));
        assertThat(items).hasSize(3);
        PaymentSuspense.Item unknown = items.stream().filter(i -> i.amount().equals(Money.of("33.00"))).findFirst().orElseThrow();
        PaymentSuspense.Item invalid = items.stream().filter(i -> i.amount().equals(Money.of("15.00"))).findFirst().orElseThrow();

        // research finds the right account: the payment posts and the money leaves suspense
        suspense.apply(unknown.id(), b.accountNumber(), "wrong number on the stub");
        assertThat(ledger.receivableBalance(bWater.id(), today).balance()).isEqualTo(Money.ZERO);
        suspense.refund(invalid.id(), "Mailed back to the payer");
        Long release = jdbc.sql("select release_entry_id from payment_suspense where id = ?").param(invalid.id())
                .query(Long.class).single();
        Long hold = jdbc.sql("select hold_entry_id from payment_suspense where id = ?").param(invalid.id())
                .query(Long.class).single();
        assertThat(ledger.entry(release).reversesEntryId()).isEqualTo(hold);

        net = batchLedger(batch);
        // suspense is empty; the bank keeps what was paid to accounts (72.40 + 33.00), the refund went back
        assertThat(net).doesNotContainKey("GENERAL 2250");
        assertThat(bank(net)).isEqualByComparingTo("105.40");
        assertThat(ledger.receivableBalance(water.id(), today).balance()).isEqualTo(Money.ZERO);
    }
}
