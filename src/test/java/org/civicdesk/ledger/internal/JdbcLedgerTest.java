package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.ledger.JournalLineRequest.credit;
import static org.civicdesk.ledger.JournalLineRequest.debit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.civicdesk.ledger.AccountingPeriod;
import org.civicdesk.ledger.Aging;
import org.civicdesk.ledger.JournalEntryPosted;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.junit.jupiter.api.Test;

class JdbcLedgerTest {

    private final LedgerFixture f = new LedgerFixture();
    private final JdbcLedger ledger = f.ledger;

    private JournalEntryRequest charge(Receivable r, String amount, LocalDate date, LocalDate due) {
        return new JournalEntryRequest(LedgerFixture.unique("charge"), date, "billing", "Water bill", List.of(
                debit(r.fund(), "1200", Money.of(amount)).receivable(r.id()).due(due),
                credit(r.fund(), "4010", Money.of(amount))));
    }

    private JournalEntryRequest payment(Receivable r, String amount, LocalDate date) {
        return new JournalEntryRequest(LedgerFixture.unique("payment"), date, "cashiering", "Payment", List.of(
                debit(r.fund(), "1020", Money.of(amount)),
                credit(r.fund(), "1200", Money.of(amount)).receivable(r.id())));
    }

    @Test
    void aPostingMovesTheReceivableAndKeepsBalancesOnItsLines() {
        Receivable r = f.newReceivable("WATER");
        PostedEntry first = ledger.post(charge(r, "120.50", LedgerFixture.TODAY, LedgerFixture.TODAY.plusDays(21)));
        PostedEntry second = ledger.post(payment(r, "20.50", LedgerFixture.TODAY));

        assertThat(first.lines().get(0).receivableBalanceBefore()).isEqualTo(Money.ZERO);
        assertThat(first.lines().get(0).receivableBalanceAfter()).isEqualTo(Money.of("120.50"));
        assertThat(second.lines().get(1).receivableBalanceAfter()).isEqualTo(Money.of("100.00"));
        assertThat(ledger.receivableBalance(r.id(), LedgerFixture.TODAY).balance()).isEqualTo(Money.of("100.00"));
        assertThat(ledger.entry(first.id())).usingRecursiveComparison().ignoringFields("postedAt").isEqualTo(first);
        assertThat(f.audit.count("journal_entry", Long.toString(first.id()), "posted")).isEqualTo(1);
        assertThat(f.events).anyMatch(e -> e instanceof JournalEntryPosted p && p.entryId() == second.id()
                && p.receivableIds().contains(r.id()));
        assertThat(f.controlMinusSubledger()).isZero();
    }

    @Test
    void theSameKeyWithTheSameContentReturnsTheOriginalEntryAndWritesNothing() {
        Receivable r = f.newReceivable("GAS");
        JournalEntryRequest request = payment(r, "40.00", LedgerFixture.TODAY);
        PostedEntry original = ledger.post(request);
        long entries = f.entryCount();
        long lines = f.lineCount();

        PostedEntry again = ledger.post(request);

        assertThat(again.id()).isEqualTo(original.id());
        assertThat(again.replayed()).isTrue();
        assertThat(f.entryCount()).isEqualTo(entries);
        assertThat(f.lineCount()).isEqualTo(lines);
        assertThat(ledger.receivableBalance(r.id(), null).balance()).isEqualTo(Money.of("-40.00"));
    }

    @Test
    void theSameKeyWithOtherContentIsRefused() {
        Receivable r = f.newReceivable("GAS");
        JournalEntryRequest request = payment(r, "40.00", LedgerFixture.TODAY);
        ledger.post(request);
        JournalEntryRequest other = new JournalEntryRequest(request.idempotencyKey(), request.businessDate(),
                request.source(), request.memo(), payment(r, "41.00", LedgerFixture.TODAY).lines());

        assertThatThrownBy(() -> ledger.post(other))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("ledger.idempotency-key-reused");
                    assertThat(e.problems().get(0).field()).isEqualTo("idempotencyKey");
                    assertThat(e.getMessage()).contains("already used for a different journal entry");
                });
    }

    @Test
    void anUnknownAccountOrFundIsNamedAndNothingIsWritten() {
        long entries = f.entryCount();
        JournalEntryRequest request = new JournalEntryRequest(LedgerFixture.unique("bad"), LedgerFixture.TODAY,
                "manual", "Bad", List.of(debit("WATER", "1999", Money.of("5.00")), credit("WATER", "4010", Money.of("5.00")),
                        debit("NOPE", "1010", Money.of("1.00")), credit("NOPE", "4010", Money.of("1.00"))));

        assertThatThrownBy(() -> ledger.post(request))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field)
                        .containsExactly("lines[0].account", "lines[2].fund", "lines[3].fund"));
        assertThat(f.entryCount()).isEqualTo(entries);
    }

    @Test
    void aControlAccountLineWithoutAReceivableIsRefused() {
        JournalEntryRequest request = new JournalEntryRequest(LedgerFixture.unique("bad"), LedgerFixture.TODAY,
                "manual", "Bad", List.of(debit("WATER", "1200", Money.of("5.00")), credit("WATER", "4010", Money.of("5.00"))));

        assertThatThrownBy(() -> ledger.post(request))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("lines[0].receivableId"));
    }

    @Test
    void aReceivablePostsOnlyToItsOwnFund() {
        Receivable gas = f.newReceivable("GAS");
        JournalEntryRequest request = new JournalEntryRequest(LedgerFixture.unique("bad"), LedgerFixture.TODAY,
                "manual", "Bad", List.of(debit("WATER", "1200", Money.of("5.00")).receivable(gas.id()),
                        credit("WATER", "4010", Money.of("5.00"))));

        assertThatThrownBy(() -> ledger.post(request))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).reason()).contains("belongs to fund GAS"));
    }

    @Test
    void aReversalRestoresTheReceivableAndIsLinkedToTheOriginal() {
        Receivable r = f.newReceivable("ELECTRIC");
        PostedEntry charge = ledger.post(charge(r, "75.00", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 23)));

        PostedEntry reversal = ledger.reverse(charge.id(), "billed the wrong meter");

        assertThat(reversal.reversesEntryId()).isEqualTo(charge.id());
        assertThat(reversal.businessDate()).isEqualTo(LedgerFixture.TODAY);
        assertThat(reversal.lines()).extracting(PostedEntry.Line::side).containsExactly(Side.CREDIT, Side.DEBIT);
        assertThat(ledger.entry(charge.id()).reversedByEntryId()).isEqualTo(reversal.id());
        assertThat(ledger.receivableBalance(r.id(), null).balance()).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> ledger.reverse(charge.id(), "again")).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> ledger.reverse(reversal.id(), "undo")).isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> ledger.reverse(Long.MAX_VALUE, "none")).isInstanceOf(RecordNotFound.class);
    }

    @Test
    void aPostingIntoAClosedPeriodIsRefusedWithAClearMessage() {
        YearMonth month = farPastMonth(2001, 2005);
        if (ledger.period(month).closed()) {
            ledger.reopenPeriod(month, "left closed by an earlier run");
        }
        ledger.closePeriod(month, "month-end close");
        Receivable r = f.newReceivable("WATER");
        long entries = f.entryCount();

        assertThatThrownBy(() -> ledger.post(payment(r, "1.00", month.atDay(15))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("ledger.period-closed");
                    assertThat(e.getMessage()).isEqualTo("Period " + month + " is closed; post into an open period");
                    assertThat(e.problems().get(0).field()).isEqualTo("businessDate");
                });
        assertThat(f.entryCount()).isEqualTo(entries);

        AccountingPeriod reopened = ledger.reopenPeriod(month, "late invoice found");
        assertThat(reopened.closed()).isFalse();
        assertThat(ledger.post(payment(r, "1.00", month.atDay(15))).replayed()).isFalse();
        assertThat(f.audit.count("ledger_period", month.toString(), "closed")).isGreaterThanOrEqualTo(1);
        assertThat(f.audit.count("ledger_period", month.toString(), "reopened")).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> ledger.reopenPeriod(month, "twice")).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> ledger.closePeriod(month, " ")).isInstanceOf(BusinessRuleViolation.class);
    }

    /** A month no other test posts into: each test class closes periods in its own years. */
    static YearMonth farPastMonth(int fromYear, int toYear) {
        return YearMonth.of(ThreadLocalRandom.current().nextInt(fromYear, toYear + 1),
                ThreadLocalRandom.current().nextInt(1, 13));
    }

    @Test
    void creditsPayTheOldestChargesFirstInTheAging() {
        Receivable r = f.newReceivable("SOLID_WASTE");
        LocalDate asOf = LocalDate.of(2026, 11, 26);
        ledger.post(charge(r, "10.00", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 22)));  // 127 days
        ledger.post(charge(r, "20.00", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 22)));  // 65 days
        ledger.post(charge(r, "30.00", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 22))); // 4 days
        ledger.post(payment(r, "15.00", LocalDate.of(2026, 11, 20)));

        Aging aging = ledger.aging(r.id(), asOf);

        assertThat(aging.over90()).isEqualTo(Money.ZERO);
        assertThat(aging.days61To90()).isEqualTo(Money.of("15.00"));
        assertThat(aging.days1To30()).isEqualTo(Money.of("30.00"));
        assertThat(aging.balance()).isEqualTo(Money.of("45.00"));
        assertThat(ledger.aging(r.id(), LocalDate.of(2026, 9, 30)).balance()).isEqualTo(Money.of("30.00"));
    }

    @Test
    void theTrialBalanceTiesForEveryFund() {
        Receivable r = f.newReceivable("CEMETERY");
        ledger.post(charge(r, "900.00", LedgerFixture.TODAY, LedgerFixture.TODAY.plusDays(30)));
        for (var fund : ledger.funds()) {
            TrialBalance tb = ledger.trialBalance(fund.code(), LedgerFixture.TODAY);
            assertThat(tb.balanced()).as(fund.code()).isTrue();
            assertThat(tb.rows()).extracting(row -> row.account().code()).contains("1010", "1020", "1200", "3000");
        }
        assertThatThrownBy(() -> ledger.trialBalance("NOPE", null)).isInstanceOf(RecordNotFound.class);
    }

    @Test
    void aBatchPostsManyEntriesAllOrNothing() {
        Receivable r = f.newReceivable("WASTEWATER");
        List<JournalEntryRequest> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(charge(r, "1.00", LedgerFixture.TODAY, LedgerFixture.TODAY.plusDays(21)));
        }
        List<PostedEntry> posted = ledger.postAll(batch);
        assertThat(posted).hasSize(50).allMatch(p -> !p.replayed());
        assertThat(ledger.receivableBalance(r.id(), null).balance()).isEqualTo(Money.of("50.00"));
        assertThat(posted.get(49).lines().get(0).receivableBalanceAfter()).isEqualTo(Money.of("50.00"));

        List<JournalEntryRequest> broken = new java.util.ArrayList<>(batch.subList(0, 3));
        broken.add(charge(r, "2.00", LedgerFixture.TODAY, null));
        broken.add(new JournalEntryRequest(LedgerFixture.unique("x"), LedgerFixture.TODAY, "billing", "bad",
                List.of(debit("WATER", "1010", Money.of("1.00")), credit("WATER", "9999", Money.of("1.00")))));
        assertThatThrownBy(() -> ledger.postAll(broken)).isInstanceOf(BusinessRuleViolation.class);
        assertThat(ledger.receivableBalance(r.id(), null).balance()).isEqualTo(Money.of("50.00"));
    }

    @Test
    void aReceivableIsOpenedOncePerTypeFundAndReference() {
        String ref = LedgerFixture.unique("acct");
        Receivable a = ledger.openReceivable("utility-account", "WATER", ref, "A");
        Receivable b = ledger.openReceivable("utility-account", "WATER", ref, "A");
        assertThat(b).isEqualTo(a);
        assertThatThrownBy(() -> ledger.openReceivable("no-such-type", "WATER", ref, "A"))
                .isInstanceOf(BusinessRuleViolation.class);
        ledger.registerReceivableType("cemetery-contract", "Cemetery contract");
        assertThat(ledger.openReceivable("cemetery-contract", "CEMETERY", ref, "B").type()).isEqualTo("cemetery-contract");
    }

    @Test
    void receivablesOfSeveralFundsAreFoundAndOpenedAsTheFundAndReferencePairsAsked() {
        String a = LedgerFixture.unique("acct");
        String b = LedgerFixture.unique("acct");
        Receivable waterA = ledger.openReceivable("utility-account", "WATER", a, "A");
        Receivable electricB = ledger.openReceivable("utility-account", "ELECTRIC", b, "B");
        // open too, but not asked for: water of b
        ledger.openReceivable("utility-account", "WATER", b, "B");

        var found = ledger.findReceivablesByFund("utility-account",
                java.util.Map.of("WATER", List.of(a), "ELECTRIC", List.of(b, a)));
        assertThat(found.get("WATER")).containsOnlyKeys(a).containsEntry(a, waterA);
        assertThat(found.get("ELECTRIC")).containsOnlyKeys(b).containsEntry(b, electricB);

        // electric of a is missing: opened; the rest found as they are
        var opened = ledger.openReceivablesByFund("utility-account", java.util.Map.of(
                "WATER", java.util.Map.of(a, "A"), "ELECTRIC", java.util.Map.of(a, "A", b, "B")));
        assertThat(opened.get("WATER")).containsOnlyKeys(a).containsEntry(a, waterA);
        assertThat(opened.get("ELECTRIC")).containsOnlyKeys(a, b).containsEntry(b, electricB);
        Receivable electricA = opened.get("ELECTRIC").get(a);
        assertThat(electricA.fund()).isEqualTo("ELECTRIC");
        assertThat(electricA.reference()).isEqualTo(a);
        assertThat(ledger.findReceivable("utility-account", "ELECTRIC", a)).contains(electricA);
        assertThatThrownBy(() -> ledger.openReceivablesByFund("utility-account",
                java.util.Map.of("NO-SUCH-FUND", java.util.Map.of(a, "A"))))
                .isInstanceOf(BusinessRuleViolation.class);
        java.util.Map<String, java.util.Map<String, String>> noFund = new java.util.HashMap<>();
        noFund.put(null, java.util.Map.of(a, "A"));
        assertThatThrownBy(() -> ledger.openReceivablesByFund("utility-account", noFund))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("no fund");
    }
}
