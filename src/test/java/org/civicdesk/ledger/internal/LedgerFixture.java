package org.civicdesk.ledger.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.support.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A ledger on the shared test database, on a fixed business day, with recorded audit and events. */
final class LedgerFixture {

    static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    final DataSource dataSource = TestDatabase.dataSource();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final List<Object> events = new CopyOnWriteArrayList<>();
    final JdbcLedger ledger;

    LedgerFixture() {
        this(TODAY);
    }

    LedgerFixture(LocalDate today) {
        Clock clock = Clock.fixed(today.atTime(10, 0).atZone(PHOENIX).toInstant(), PHOENIX);
        ledger = JdbcLedger.on(dataSource, clock, audit, events::add);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    Receivable newReceivable(String fund) {
        return ledger.openReceivable("utility-account", fund, unique("acct"), "Test customer");
    }

    /** Receivables control accounts minus all receivable balances, per the whole database: always zero. */
    BigDecimal controlMinusSubledger() {
        return jdbc.sql("""
                select (select coalesce(sum(l.debit - l.credit), 0) from ledger_journal_line l
                        where l.is_receivables_control)
                     - (select coalesce(sum(balance), 0) from ledger_receivable_balance)""")
                .query(BigDecimal.class).single();
    }

    /** Funds whose debits and credits differ over all lines: always none. */
    List<String> unbalancedFunds() {
        return jdbc.sql("select fund_code from ledger_journal_line group by fund_code having sum(debit) <> sum(credit)")
                .query(String.class).list();
    }

    /** The receivable's balance recomputed from its lines. */
    BigDecimal sumOfLines(long receivableId) {
        return jdbc.sql("select coalesce(sum(debit - credit), 0) from ledger_journal_line where receivable_id = ?")
                .param(receivableId).query(BigDecimal.class).single();
    }

    long entryCount() {
        return jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single();
    }

    long lineCount() {
        return jdbc.sql("select count(*) from ledger_journal_line").query(Long.class).single();
    }
}
