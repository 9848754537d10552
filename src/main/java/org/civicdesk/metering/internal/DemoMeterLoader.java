package org.civicdesk.metering.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.metering.DemoReads;
import org.civicdesk.metering.ReadSchedule;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates meters and reads for the demo city or a benchmark, chunk by chunk of agreements (keyset by id), each
 * chunk's service points, meters, installs and reads streamed with COPY; identities are reserved as blocks.
 * Deterministic: each agreement's values come from a generator seeded by its id.
 */
@Component
class DemoMeterLoader implements DemoReads {

    private static final Logger log = LoggerFactory.getLogger(DemoMeterLoader.class);
    private static final int CHUNK = 20_000;
    static final String CREATED_BY = "system:demo";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;

    DemoMeterLoader(DataSource dataSource, JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    private record Agreement(long id, long premiseId, String service, LocalDate start, int cycle, boolean commercial) {
    }

    boolean anyMeters() {
        return jdbc.sql("select exists (select 1 from meter)").query(Boolean.class).single();
    }

    @Override
    public Loaded load(LocalDate asOf, int months) {
        long started = System.nanoTime();
        int[] totals = new int[4];
        long after = 0;
        while (true) {
            long from = after;
            List<Agreement> chunk = jdbc.sql("""
                    select sa.id, sa.premise_id, sa.service_type, sa.start_date, p.billing_cycle,
                           a.account_class = 'COMMERCIAL' as commercial
                      from service_agreement sa join premise p on p.id = sa.premise_id join account a on a.id = sa.account_id
                     where sa.id > ? and sa.service_type in ('ELECTRIC', 'GAS', 'WATER', 'HYDRANT')
                       and sa.status in ('ACTIVE', 'PENDING_STOP') and sa.start_date <= ?
                       and not exists (select 1 from service_point sp
                                        where sp.premise_id = sa.premise_id and sp.service_type = sa.service_type)
                     order by sa.id limit ?""").params(from, asOf, CHUNK)
                    .query((rs, row) -> new Agreement(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getBoolean(6)))
                    .list();
            if (chunk.isEmpty()) {
                break;
            }
            int[] counts = tx.execute(status -> loadChunk(chunk, asOf, months));
            for (int i = 0; i < 4; i++) {
                totals[i] += counts[i];
            }
            after = chunk.get(chunk.size() - 1).id();
            if (chunk.size() < CHUNK) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Loaded loaded = new Loaded(totals[0], totals[1], totals[2], totals[3], seconds);
        audit.recordEvent("demo-reads-generated", "meter_read", asOf.toString(), String.format(
                "%d meters, %d reads over %d months to %s (%d missing, %d held) in %.1f s", loaded.meters(),
                loaded.reads(), months, asOf, loaded.missing(), loaded.exceptions(), seconds));
        log.info("Demo meters: {} meters, {} reads in {} s", loaded.meters(), loaded.reads(),
                String.format("%.2f", seconds));
        return loaded;
    }

    private long reserve(String table, int n) {
        long last = jdbc.sql("select setval(pg_get_serial_sequence(?, 'id'), nextval(pg_get_serial_sequence(?, 'id')) + ? - 1)")
                .params(table, table, n).query(Long.class).single();
        return last - n + 1;
    }

    private int[] loadChunk(List<Agreement> chunk, LocalDate asOf, int months) {
        int n = chunk.size();
        long firstPoint = reserve("service_point", n);
        long firstMeter = reserve("meter", n);
        StringBuilder points = new StringBuilder(n * 40);
        StringBuilder meters = new StringBuilder(n * 80);
        StringBuilder installs = new StringBuilder(n * 50);
        List<String[]> readRows = new ArrayList<>(n * (months + 2));
        String ts = asOf.atStartOfDay() + "-07";
        LocalDate earliest = asOf.minusMonths(months);
        int missing = 0;
        int held = 0;
        for (int i = 0; i < n; i++) {
            Agreement a = chunk.get(i);
            long pointId = firstPoint + i;
            long meterId = firstMeter + i;
            SplittableRandom r = new SplittableRandom(0x5eedL * 31 + a.id());
            String prefix = switch (a.service()) {
                case "ELECTRIC" -> "E";
                case "GAS" -> "G";
                case "HYDRANT" -> "H";
                default -> "W";
            };
            int dials = "ELECTRIC".equals(a.service()) ? 5 : 4;
            boolean demand = "ELECTRIC".equals(a.service()) && a.commercial();
            String size = switch (a.service()) {
                case "WATER" -> a.commercial() ? (r.nextBoolean() ? "1" : "2") : "0.625";
                case "HYDRANT" -> "3";
                default -> "\\N";
            };
            String manufacturer = switch (a.service()) {
                case "ELECTRIC" -> "Itron";
                case "GAS" -> "Elster";
                case "HYDRANT" -> "Neptune";
                default -> "Badger";
            };
            points.append(pointId).append('\t').append(a.premiseId()).append('\t').append(a.service()).append('\t')
                    .append(ts).append('\n');
            meters.append(meterId).append('\t').append(prefix).append(String.format("%07d", meterId)).append('\t').append(a.service())
                    .append('\t').append("SN").append(Long.toString(meterId * 7919L, 36).toUpperCase()).append('\t')
                    .append(manufacturer).append('\t').append(dials).append('\t').append(MeterDesk.unitsOf(a.service()))
                    .append('\t').append(demand ? 't' : 'f').append('\t').append(size).append('\t').append(ts)
                    .append('\t').append(CREATED_BY).append('\n');
            LocalDate installed = a.start().isAfter(earliest) ? a.start() : earliest;
            installs.append(meterId).append('\t').append(pointId).append('\t').append(installed).append('\t')
                    .append(ts).append('\t').append(CREATED_BY).append('\n');

            long capacity = (long) Math.pow(10, dials);
            // now and then a meter near the top of its dials, to roll over in the months read
            long reading = r.nextInt(100) < 2 ? capacity - 1 - r.nextInt(300) : r.nextLong(capacity / 2);
            readRows.add(new String[] {Long.toString(meterId), Long.toString(pointId), installed.toString(),
                    Long.toString(reading), "INITIAL", "\\N", "FIELD", "ACCEPTED", "\\N", "\\N", "\\N", "\\N"});
            List<LocalDate> dates = new ArrayList<>();
            for (YearMonth m = YearMonth.from(installed); !m.isAfter(YearMonth.from(asOf)); m = m.plusMonths(1)) {
                LocalDate d = ReadSchedule.readDate(a.cycle(), m);
                if (d.isAfter(installed) && !d.isAfter(asOf)) {
                    dates.add(d);
                }
            }
            boolean skipLast = r.nextInt(100) < 2;
            boolean holdLast = !skipLast && r.nextInt(1000) < 5;
            LocalDate previous = installed;
            for (int k = 0; k < dates.size(); k++) {
                LocalDate d = dates.get(k);
                boolean last = k == dates.size() - 1;
                if (last && skipLast) {
                    missing++;
                    break;
                }
                long days = ChronoUnit.DAYS.between(previous, d);
                long use = Math.round(monthlyUse(a, d, r) * days / 30.0);
                boolean exception = last && holdLast;
                if (exception) {
                    use *= 6;
                }
                reading = (reading + use) % capacity;
                String demandKw = demand ? String.format("%.1f", 20 + r.nextDouble() * 100) : "\\N";
                readRows.add(new String[] {Long.toString(meterId), Long.toString(pointId), d.toString(),
                        Long.toString(reading), "ACTUAL", demandKw, "IMPORT", exception ? "EXCEPTION" : "ACCEPTED",
                        exception ? "HIGH_USE" : "\\N",
                        exception ? "about 6 times the use of the same season last year" : "\\N", Long.toString(use),
                        Long.toString(days)});
                if (exception) {
                    held++;
                }
                previous = d;
            }
        }
        copy("copy service_point (id, premise_id, service_type, created_at) from stdin", points);
        copy("copy meter (id, meter_number, service_type, serial, manufacturer, dial_count, units, has_demand, "
                + "size_inches, created_at, created_by) from stdin", meters);
        copy("copy meter_install (meter_id, service_point_id, installed_on, created_at, created_by) from stdin", installs);
        StringBuilder reads = new StringBuilder(readRows.size() * 70);
        for (String[] row : readRows) {
            reads.append(String.join("\t", row)).append('\t').append(ts).append('\t').append(CREATED_BY).append('\n');
        }
        copy("copy meter_read (meter_id, service_point_id, read_date, reading, read_type, demand_kw, source, status, "
                + "exception_code, exception_reason, usage, usage_days, entered_at, entered_by) from stdin", reads);
        return new int[] {n, readRows.size(), missing, held};
    }

    /** Use in a 30-day month read on the date: Mesa's seasons (summer electric, winter gas). */
    private static double monthlyUse(Agreement a, LocalDate readDate, SplittableRandom r) {
        int month = readDate.getMonthValue();
        boolean summer = month >= 5 && month <= 10;
        double scale = a.commercial() ? 3.0 : 1.0;
        return scale * switch (a.service()) {
            case "ELECTRIC" -> summer ? 900 + r.nextInt(601) : 500 + r.nextInt(301);
            case "GAS" -> summer ? 12 + r.nextInt(10) : 45 + r.nextInt(46);
            case "HYDRANT" -> 20 + r.nextInt(41);
            default -> 6 + r.nextInt(10);
        };
    }

    private void copy(String sql, CharSequence data) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(sql, new StringReader(data.toString()), 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load demo meters: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
