package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.ledger.JournalLineRequest.credit;
import static org.civicdesk.ledger.JournalLineRequest.debit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database keeps the ledger's rules even for SQL that bypasses the Java code. */
class LedgerDatabaseRulesTest {

    private final LedgerFixture f = new LedgerFixture();
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(f.dataSource));

    private PostedEntry somePosting() {
        Receivable r = f.newReceivable("WATER");
        return f.ledger.post(new JournalEntryRequest(LedgerFixture.unique("db"), LedgerFixture.TODAY, "test", "db rules",
                List.of(debit("WATER", "1200", Money.of("12.00")).receivable(r.id()), credit("WATER", "4010", Money.of("12.00")))));
    }

    private long account(String fund, String code) {
        return f.jdbc.sql("select id from ledger_account where fund_code = ? and code = ?").params(fund, code)
                .query(Long.class).single();
    }

    private long insertHeader(LocalDate date) {
        return f.jdbc.sql("""
                insert into ledger_journal_entry (idempotency_key, content_hash, business_date, source, memo, posted_at, posted_by)
                values (?, 'x', ?, 'sql', 'direct', now(), 'test') returning id""")
                .params(LedgerFixture.unique("sql"), date).query(Long.class).single();
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteJournalLinesAndEntries() {
        PostedEntry e = somePosting();
        assertThatThrownBy(() -> f.jdbc.sql("update ledger_journal_line set debit = debit + 1 where entry_id = ?")
                .param(e.id()).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> f.jdbc.sql("delete from ledger_journal_line where entry_id = ?").param(e.id()).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> f.jdbc.sql("update ledger_journal_entry set memo = 'changed' where id = ?")
                .param(e.id()).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> f.jdbc.sql("truncate ledger_journal_line cascade").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(f.ledger.entry(e.id()).lines()).hasSize(2);
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntryInsertedDirectly() {
        long cash = account("WATER", "1010");
        long revenue = account("WATER", "4010");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                    values (?, 1, 'WATER', ?, false, 10.00, 0), (?, 2, 'WATER', ?, false, 0, 9.00)""")
                    .params(id, cash, id, revenue).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("does not balance");
    }

    @Test
    void theDatabaseRefusesLinesNamingAnAccountOrReceivableOfAnotherFundOrNoEntry() {
        long waterCash = account("WATER", "1010");
        long gasRevenue = account("GAS", "4010");
        long waterRevenue = account("WATER", "4010");
        // an account of another fund
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                    values (?, 1, 'WATER', ?, false, 10.00, 0), (?, 2, 'WATER', ?, false, 0, 10.00)""")
                    .params(id, waterCash, id, gasRevenue).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("not in the chart as given");
        // a receivable of another fund on the control account
        Receivable gas = f.newReceivable("GAS");
        long waterControl = account("WATER", "1200");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit,
                      credit, receivable_id, receivable_balance_before, receivable_balance_after)
                    values (?, 1, 'WATER', ?, true, 10.00, 0, ?, 0, 10.00), (?, 2, 'WATER', ?, false, 0, 10.00, null, null, null)""")
                    .params(id, waterControl, gas.id(), id, waterRevenue).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("not a receivable of fund WATER");
        // no such entry
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> f.jdbc.sql("""
                insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                values (-1, 1, 'WATER', ?, false, 10.00, 0), (-1, 2, 'WATER', ?, false, 0, 10.00)""")
                .params(waterCash, waterRevenue).update()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("does not exist");
    }

    @Test
    void accountsAndReceivablesThatLinesNameAreNeitherDeletedNorMovedToAnotherFund() {
        PostedEntry e = somePosting();
        long receivable = e.lines().get(0).receivableId();
        assertThatThrownBy(() -> f.jdbc.sql("delete from ledger_receivable where id = ?").param(receivable).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("named by journal lines");
        assertThatThrownBy(() -> f.jdbc.sql("update ledger_receivable set fund_code = 'GAS' where id = ?")
                .param(receivable).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("named by journal lines");
        assertThatThrownBy(() -> f.jdbc.sql("delete from ledger_account where id = ?").param(account("WATER", "4010"))
                .update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("named by journal lines");
        assertThatThrownBy(() -> f.jdbc.sql("update ledger_account set is_receivables_control = true where id = ?")
                .param(account("WATER", "4010")).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("named by journal lines");
        // a name may change
        f.jdbc.sql("update ledger_receivable set name = name where id = ?").param(receivable).update();
    }

    @Test
    void theDatabaseRefusesLinesAddedToAnEntryLater() {
        PostedEntry e = somePosting();
        long cash = account("WATER", "1010");
        long revenue = account("WATER", "4010");
        assertThatThrownBy(() -> f.jdbc.sql("""
                insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                values (?, 3, 'WATER', ?, false, 1.00, 0), (?, 4, 'WATER', ?, false, 0, 1.00)""")
                .params(e.id(), cash, e.id(), revenue).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("in one statement");
        // numbered from 1 again, the later lines repeat the entry's line 1
        assertThatThrownBy(() -> f.jdbc.sql("""
                insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                values (?, 1, 'WATER', ?, false, 1.00, 0), (?, 2, 'WATER', ?, false, 0, 1.00)""")
                .params(e.id(), cash, e.id(), revenue).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("ledger_journal_line_entry_id_line_no_key");
        assertThat(f.ledger.entry(e.id()).lines()).hasSize(2);
    }

    @Test
    void theDatabaseRefusesAnEntrysLinesNotNumberedFromOneWithoutGaps() {
        long cash = account("WATER", "1010");
        long revenue = account("WATER", "4010");
        for (int[] numbers : new int[][] {{2, 3}, {1, 3}}) {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                long id = insertHeader(LedgerFixture.TODAY);
                f.jdbc.sql("""
                        insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                        values (?, ?, 'WATER', ?, false, 10.00, 0), (?, ?, 'WATER', ?, false, 0, 10.00)""")
                        .params(id, numbers[0], cash, id, numbers[1], revenue).update();
            })).isInstanceOf(DataAccessException.class).hasMessageContaining("numbered from 1");
        }
        // a single line is not an entry
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                    values (?, 1, 'WATER', ?, false, 10.00, 0)""").params(id, cash).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("does not balance");
    }

    @Test
    void aReceivablesBalanceRowCarriesItsFundAndCannotBeGivenAnother() {
        PostedEntry e = somePosting();
        long receivable = e.lines().get(0).receivableId();
        assertThat(f.jdbc.sql("select fund_code from ledger_receivable_balance where receivable_id = ?")
                .param(receivable).query(String.class).single()).isEqualTo("WATER");
        assertThatThrownBy(() -> f.jdbc.sql("update ledger_receivable_balance set fund_code = 'GAS' where receivable_id = ?")
                .param(receivable).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("ledger_receivable_balance_receivable_fund_fkey");
    }

    @Test
    void aWrongFundIsReportedBeforeAnImbalanceAndBalancesMoveOnlyWithTheirOwnFund() {
        Receivable gas = f.newReceivable("GAS");
        long waterControl = account("WATER", "1200");
        long waterRevenue = account("WATER", "4010");
        // both rules broken: the receivable of another fund is named first, as before
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit,
                      credit, receivable_id, receivable_balance_before, receivable_balance_after)
                    values (?, 1, 'WATER', ?, true, 10.00, 0, ?, 0, 10.00), (?, 2, 'WATER', ?, false, 0, 9.00, null, null, null)""")
                    .params(id, waterControl, gas.id(), id, waterRevenue).update();
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("not a receivable of fund WATER");
        assertThat(f.jdbc.sql("select balance from ledger_receivable_balance where receivable_id = ?").param(gas.id())
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0");
        // an imbalance alone names the fund and both sums
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                    values (?, 1, 'WATER', ?, false, 10.00, 0), (?, 2, 'WATER', ?, false, 0, 9.99)""")
                    .params(id, account("WATER", "1010"), id, waterRevenue).update();
        })).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("does not balance in fund WATER: debits 10.00, credits 9.99");
    }

    @Test
    void theDatabaseRefusesAControlAccountLineWithoutAReceivable() {
        long control = account("WATER", "1200");
        long revenue = account("WATER", "4010");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long id = insertHeader(LedgerFixture.TODAY);
            f.jdbc.sql("""
                    insert into ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit)
                    values (?, 1, 'WATER', ?, false, 10.00, 0), (?, 2, 'WATER', ?, false, 0, 10.00)""")
                    .params(id, control, id, revenue).update();
        })).isInstanceOf(DataAccessException.class);
    }

    @Test
    void theDatabaseRefusesAnEntryWithoutLines() {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> insertHeader(LedgerFixture.TODAY)))
                .hasStackTraceContaining("has no lines");
    }

    @Test
    void theDatabaseRefusesADirectInsertIntoAClosedPeriod() {
        YearMonth month = JdbcLedgerTest.farPastMonth(2006, 2008);
        if (!f.ledger.period(month).closed()) {
            f.ledger.closePeriod(month, "closed for the test");
        }
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> insertHeader(month.atDay(3))))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("Period " + month + " is closed; post into an open period");
    }

    @Test
    void anEntryIsReversedAtMostOnceEvenByDirectSql() {
        PostedEntry e = somePosting();
        PostedEntry reversal = f.ledger.reverse(e.id(), "entered twice");
        assertThat(reversal.reversesEntryId()).isEqualTo(e.id());
        assertThatThrownBy(() -> f.ledger.reverse(e.id(), "again")).hasMessageContaining("already reversed");
        // a second reversal row written past the ledger meets the unique index the ledger's refusal names
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> f.jdbc.sql("""
                insert into ledger_journal_entry (idempotency_key, content_hash, business_date, source, memo,
                  reverses_entry_id, posted_at, posted_by)
                values (?, 'x', ?, 'sql', 'second reversal', ?, now(), 'test')""")
                .params(LedgerFixture.unique("sql"), LedgerFixture.TODAY, e.id()).update()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("ledger_journal_entry_reverses_entry_id_key");
        // entries that reverse nothing are many and stay allowed
        assertThat(somePosting().reversesEntryId()).isNull();
        assertThat(somePosting().reversesEntryId()).isNull();
    }
}
