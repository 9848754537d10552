package org.civicdesk.customer.internal.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.internal.accounts.ServiceCatalog;
import org.civicdesk.customer.internal.demo.DemoCityGenerator.Counts;
import org.civicdesk.customer.internal.demo.DemoCityGenerator.FirstIds;
import org.civicdesk.customer.internal.demo.DemoCityGenerator.Table;
import org.civicdesk.ledger.Ledger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a generated city with PostgreSQL COPY in one transaction: identifiers and account numbers are
 * reserved as blocks first, the COPY text is produced (in memory for small cities, in temporary files for
 * large ones) and streamed table by table, and one audit event records the whole load.
 */
@Component
public class DemoCityLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoCityLoader.class);
    private static final int IN_MEMORY_LIMIT = 50_000;
    /** The receivable type of a utility account (start of service opens the same). */
    private static final String RECEIVABLE_TYPE = "utility-account";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Ledger ledger;

    DemoCityLoader(DataSource dataSource, JdbcClient jdbc, AuditTrail audit, TransactionTemplate tx, Ledger ledger) {
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    /** The result of a load: the rows written and the first account number of the block. */
    public record Loaded(Counts counts, FirstIds firstIds, double seconds) {
    }

    public boolean anyAccounts() {
        return jdbc.sql("select exists (select 1 from account)").query(Boolean.class).single();
    }

    public Loaded load(DemoCityPlan plan) {
        long started = System.nanoTime();
        Loaded loaded = tx.execute(status -> {
            FirstIds ids = new FirstIds(reserve("customer", "id", plan.accounts()),
                    reserve("premise", "id", plan.accounts()), reserve("account", "id", plan.accounts()),
                    reserveAccountNumbers(plan.accounts()));
            Counts counts = plan.accounts() <= IN_MEMORY_LIMIT ? copyFromMemory(plan, ids) : copyThroughFiles(plan, ids);
            double seconds = (System.nanoTime() - started) / 1e9;
            audit.recordEvent("demo-city-generated", "demo_city", Long.toString(plan.seed()),
                    String.format("seed %d, as of %s%s: %d accounts (%d closed), %d customers, %d premises, "
                            + "%d service agreements, loaded in %.1f s", plan.seed(), plan.asOf(),
                            plan.tag() == null ? "" : ", tag " + plan.tag(), counts.accounts(), counts.closedAccounts(),
                            counts.customers(), counts.premises(), counts.agreements(), seconds));
            return new Loaded(counts, ids, seconds);
        });
        openReceivables(loaded.firstIds().accountId(), plan.accounts());
        if (plan.accounts() > IN_MEMORY_LIMIT) {
            // statistics for the planner, and the trigram indexes' pending lists merged so that searches need
            // not read them whole; a small city is left to autovacuum, to keep the first start quick
            for (Table t : Table.values()) {
                jdbc.sql("vacuum (analyze) " + t.table).update();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Demo city: {} accounts, {} premises, {} agreements in {} s", loaded.counts().accounts(),
                loaded.counts().premises(), loaded.counts().agreements(), String.format("%.1f", seconds));
        return new Loaded(loaded.counts(), loaded.firstIds(), seconds);
    }

    /**
     * Opens each loaded account's receivable in the fund of each of its services, as start of service does for
     * an account opened at the counter, a batch of accounts at a time.
     */
    private void openReceivables(long firstAccountId, int accounts) {
        long started = System.nanoTime();
        int batch = 20_000;
        int opened = 0;
        for (long from = firstAccountId; from < firstAccountId + accounts; from += batch) {
            Map<String, Map<String, String>> byFund = new TreeMap<>();
            jdbc.sql("""
                    select a.account_number, c.display_name, sa.service_type
                    from account a join customer c on c.id = a.customer_id
                    join service_agreement sa on sa.account_id = a.id
                    where a.id between ? and ?""")
                    .params(from, Math.min(from + batch, firstAccountId + accounts) - 1)
                    .query((rs, n) -> byFund.computeIfAbsent(ServiceCatalog.valueOf(rs.getString(3)).fund(),
                            f -> new HashMap<>()).put(rs.getString(1), rs.getString(2)))
                    .list();
            for (Map.Entry<String, Map<String, String>> fund : byFund.entrySet()) {
                opened += ledger.openReceivables(RECEIVABLE_TYPE, fund.getKey(), fund.getValue()).size();
            }
        }
        log.info("Demo city: {} receivables opened in {} ms", opened, (System.nanoTime() - started) / 1_000_000);
    }

    /** Takes a block of n values of a table's identity sequence; returns the first. */
    private long reserve(String table, String column, int n) {
        long last = jdbc.sql("""
                select setval(pg_get_serial_sequence(:t, :c), nextval(pg_get_serial_sequence(:t, :c)) + :n - 1)
                """).param("t", table).param("c", column).param("n", n).query(Long.class).single();
        return last - n + 1;
    }

    private long reserveAccountNumbers(int n) {
        long last = jdbc.sql("select setval('account_number_seq', nextval('account_number_seq') + :n - 1)")
                .param("n", n).query(Long.class).single();
        return last - n + 1;
    }

    private Counts copyFromMemory(DemoCityPlan plan, FirstIds ids) {
        Map<Table, Appendable> out = DemoCityGenerator.inMemory();
        Counts counts = DemoCityGenerator.generate(plan, ids, out);
        for (Table t : Table.values()) {
            copy(t, new StringReader(out.get(t).toString()));
        }
        return counts;
    }

    private Counts copyThroughFiles(DemoCityPlan plan, FirstIds ids) {
        Map<Table, Path> files = new EnumMap<>(Table.class);
        Map<Table, Appendable> out = new EnumMap<>(Table.class);
        try {
            Path dir = Files.createTempDirectory("demo-city");
            try {
                for (Table t : Table.values()) {
                    Path f = dir.resolve(t.table + ".copy");
                    files.put(t, f);
                    out.put(t, Files.newBufferedWriter(f, StandardCharsets.UTF_8));
                }
                Counts counts;
                try {
                    counts = DemoCityGenerator.generate(plan, ids, out);
                } finally {
                    for (Appendable w : out.values()) {
                        ((Writer) w).close();
                    }
                }
                log.info("Demo city: generated {} accounts, loading", counts.accounts());
                for (Table t : Table.values()) {
                    long tableStarted = System.nanoTime();
                    try (BufferedReader reader = Files.newBufferedReader(files.get(t), StandardCharsets.UTF_8)) {
                        copy(t, reader);
                    }
                    log.info("Demo city: {} loaded in {} ms", t.table, (System.nanoTime() - tableStarted) / 1_000_000);
                }
                return counts;
            } finally {
                for (Path f : files.values()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the demo city's load files", e);
        }
    }

    private void copy(Table table, Reader reader) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(table.copySql(), reader, 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the demo city's " + table.table + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
