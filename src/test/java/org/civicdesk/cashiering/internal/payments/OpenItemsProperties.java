package org.civicdesk.cashiering.internal.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

/**
 * Open items read the set-based way (balance first, then only the charges of an owing receivable, credits as
 * charges less balance) are the items worked out from every line of the receivable, whatever charges, payments
 * and reversals of payments it had.
 */
@CivicDeskTest
class OpenItemsProperties {

    @Autowired OpenItems openItems;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    @BeforeProperty
    void spring() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    /** A charge (due some days from today, negative: past) or a payment, possibly reversed later. */
    record Step(boolean charge, long cents, int dueInDays, boolean reversed) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.longs().between(1, 30_000),
                Arbitraries.integers().between(-90, 30), Arbitraries.integers().between(0, 3).map(i -> i == 0))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 15)
    void theItemsFromTheBalanceAreTheItemsFromEveryLine(@ForAll("histories") List<Step> steps) {
        CashieringFixture.TestAccount account = CashieringFixture.account(jdbc, "en", "ACTIVE");
        LocalDate today = LocalDate.now(clock);
        Receivable water = ledger.openReceivable(UtilityAccountKind.TYPE, "WATER", account.accountNumber(),
                account.customerName());
        for (Step s : steps) {
            Money amount = Money.ofCents(s.cents());
            JournalLineRequest receivable = s.charge()
                    ? JournalLineRequest.debit("WATER", StandardAccount.RECEIVABLES.code(), amount).receivable(water.id())
                            .due(today.plusDays(s.dueInDays()))
                    : JournalLineRequest.credit("WATER", StandardAccount.RECEIVABLES.code(), amount).receivable(water.id());
            JournalLineRequest other = s.charge() ? JournalLineRequest.credit("WATER", "4010", amount)
                    : JournalLineRequest.debit("WATER", StandardAccount.CASH_IN_BANK.code(), amount);
            long entry = ledger.post(new JournalEntryRequest("prop-open-items:" + System.nanoTime(), today,
                    s.charge() ? "billing" : "cashiering", "property step", List.of(receivable, other))).id();
            if (s.reversed() && !s.charge()) {
                ledger.reverse(entry, "returned in a property");
            }
        }

        List<OpenItem> found = openItems.of(UtilityAccountKind.TYPE, Set.of(account.accountNumber())).items()
                .getOrDefault(account.accountNumber(), List.of());

        List<PaymentApplication.Charge> charges = new ArrayList<>();
        Money[] credits = {Money.ZERO};
        jdbc.sql("""
                select l.id, l.debit, l.credit, coalesce(l.due_date, e.business_date), e.source
                from ledger_journal_line l join ledger_journal_entry e on e.id = l.entry_id where l.receivable_id = :r""")
                .param("r", water.id()).query(rs -> {
                    if (rs.getBigDecimal(2).signum() > 0) {
                        charges.add(new PaymentApplication.Charge(rs.getObject(4, LocalDate.class), rs.getLong(1),
                                Money.of(rs.getBigDecimal(2)), rs.getString(5)));
                    } else {
                        credits[0] = credits[0].plus(Money.of(rs.getBigDecimal(3)));
                    }
                });
        List<OpenItem> fromEveryLine = PaymentApplication.openItems(water.id(), "WATER", charges, credits[0]);
        Comparator<OpenItem> order = Comparator.comparing(OpenItem::dueDate).thenComparing(i -> i.open().amount());
        assertThat(found.stream().sorted(order).toList()).isEqualTo(fromEveryLine.stream().sorted(order).toList());
    }
}
