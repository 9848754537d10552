package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.metering.BillableService;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.metering.BillingReads;
import org.civicdesk.metering.ReadSchedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage for a chunk of agreements in two queries (their service points and meters; their reads since the last
 * billed read or a little over a year back, for the history of estimates), computed in memory, and one insert for
 * the estimated reads an issuing run keeps.
 */
@Component
class JdbcBillingReads implements BillingReads {

    /** Days of reads fetched before the cutoff: a year and the season window, for same-season estimates. */
    private static final int HISTORY_DAYS = 430;

    private final JdbcClient jdbc;
    private final ReadSettings settings;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcBillingReads(JdbcClient jdbc, ReadSettings settings, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    private record Point(long agreementId, Long servicePointId, int billingCycle, Long meterId, String meterNumber,
            int dials, BigDecimal multiplier, boolean hasDemand, LocalDate lastReadDate) {
    }

    record Read(long id, long meterId, String meterNumber, int dials, BigDecimal multiplier, LocalDate date,
            BigDecimal reading, String type, BigDecimal demandKw, String status, String exceptionReason,
            BigDecimal usage, Integer usageDays) {

        boolean accepted() {
            return "ACCEPTED".equals(status);
        }
    }

    /** Same-day reads of an exchange: the old meter's final read first, the new meter's initial read last. */
    static final Comparator<Read> READ_ORDER = Comparator.comparing(Read::date)
            .thenComparingInt(r -> "FINAL".equals(r.type()) ? 0 : "INITIAL".equals(r.type()) ? 2 : 1)
            .thenComparingLong(Read::id);

    private record PendingEstimate(long agreementId, long meterId, long servicePointId, LocalDate date,
            BigDecimal reading, BigDecimal demandKw, BigDecimal usage, int days) {
    }

    @Override
    @Transactional
    public Map<Long, BillableUsage> usage(Collection<BillableService> services, LocalDate cutoff,
            boolean persistEstimates) {
        Map<Long, BillableUsage> result = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return result;
        }
        Map<Long, Point> points = points(services, cutoff);
        Map<Long, List<Read>> reads = reads(services, points, cutoff);
        List<PendingEstimate> estimates = new ArrayList<>();
        Map<Long, Point> pointOfEstimate = new HashMap<>();
        for (BillableService s : services) {
            Point p = points.get(s.agreementId());
            List<Read> rs = reads.getOrDefault(s.agreementId(), List.of());
            BillableUsage u = usageOf(s, p, rs, cutoff, estimates);
            result.put(s.agreementId(), u);
            pointOfEstimate.put(s.agreementId(), p);
        }
        if (persistEstimates && !estimates.isEmpty()) {
            Map<Long, Long> ids = storeEstimates(estimates);
            for (PendingEstimate e : estimates) {
                BillableUsage u = result.get(e.agreementId());
                result.put(e.agreementId(), new BillableUsage(u.agreementId(), u.meterNumber(), u.fromDate(), u.toDate(),
                        u.fromReadId(), ids.get(e.agreementId()), u.fromReading(), u.toReading(), u.consumption(),
                        u.demandKw(), true, u.estimatesInARow(), null, null));
            }
        }
        return result;
    }

    private Map<Long, Point> points(Collection<BillableService> services, LocalDate cutoff) {
        int n = services.size();
        Long[] agreements = new Long[n];
        Long[] premises = new Long[n];
        String[] types = new String[n];
        Long[] lastReads = new Long[n];
        int i = 0;
        for (BillableService s : services) {
            agreements[i] = s.agreementId();
            premises[i] = s.premiseId();
            types[i] = s.serviceType();
            lastReads[i] = s.lastBilledReadId();
            i++;
        }
        Map<Long, Point> points = new HashMap<>();
        jdbc.sql("""
                select i.agreement_id, sp.id as sp_id, p.billing_cycle, m.id as meter_id, m.meter_number, m.dial_count,
                       m.multiplier, m.has_demand, lr.read_date as last_read_date
                  from unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[])
                       as i(agreement_id, premise_id, service_type, last_read_id)
                  join premise p on p.id = i.premise_id
                  left join service_point sp on sp.premise_id = i.premise_id and sp.service_type = i.service_type
                  left join lateral (select mi.meter_id from meter_install mi
                                      where mi.service_point_id = sp.id and mi.installed_on <= ?
                                      order by mi.installed_on desc limit 1) mi on true
                  left join meter m on m.id = mi.meter_id
                  left join meter_read lr on lr.id = i.last_read_id
                """).params(agreements, premises, types, lastReads, cutoff)
                .query((rs, row) -> new Point(rs.getLong("agreement_id"), (Long) rs.getObject("sp_id"),
                        rs.getInt("billing_cycle"), (Long) rs.getObject("meter_id"), rs.getString("meter_number"),
                        rs.getInt("dial_count"), rs.getBigDecimal("multiplier"), rs.getBoolean("has_demand"),
                        rs.getObject("last_read_date", LocalDate.class)))
                .list().forEach(p -> points.put(p.agreementId(), p));
        return points;
    }

    private Map<Long, List<Read>> reads(Collection<BillableService> services, Map<Long, Point> points, LocalDate cutoff) {
        List<Long> agreements = new ArrayList<>();
        List<Long> servicePoints = new ArrayList<>();
        List<String> since = new ArrayList<>();
        List<Long> lastReads = new ArrayList<>();
        LocalDate historyStart = cutoff.minusDays(HISTORY_DAYS);
        for (BillableService s : services) {
            Point p = points.get(s.agreementId());
            if (p == null || p.servicePointId() == null) {
                continue;
            }
            LocalDate start = p.lastReadDate() != null ? p.lastReadDate() : s.agreementStart();
            agreements.add(s.agreementId());
            servicePoints.add(p.servicePointId());
            since.add((start.isBefore(historyStart) ? start : historyStart).toString());
            lastReads.add(s.lastBilledReadId());
        }
        Map<Long, List<Read>> reads = new HashMap<>();
        if (agreements.isEmpty()) {
            return reads;
        }
        jdbc.sql("""
                select i.agreement_id, r.id, r.meter_id, m.meter_number, m.dial_count, m.multiplier, r.read_date,
                       r.reading, r.read_type, r.demand_kw, r.status, r.exception_reason, r.usage, r.usage_days
                  from unnest(?::bigint[], ?::bigint[], ?::date[], ?::bigint[]) as i(agreement_id, sp_id, since, last_read_id)
                  join meter_read r on r.service_point_id = i.sp_id and r.read_date >= i.since and r.read_date <= ?
                                   and (r.status <> 'REPLACED' or r.id = i.last_read_id)
                  join meter m on m.id = r.meter_id
                """).params(agreements.toArray(Long[]::new), servicePoints.toArray(Long[]::new),
                        since.toArray(String[]::new), lastReads.toArray(Long[]::new), cutoff)
                .query((rs, row) -> {
                    Read r = new Read(rs.getLong("id"), rs.getLong("meter_id"), rs.getString("meter_number"),
                            rs.getInt("dial_count"), rs.getBigDecimal("multiplier"),
                            rs.getObject("read_date", LocalDate.class), rs.getBigDecimal("reading"),
                            rs.getString("read_type"), rs.getBigDecimal("demand_kw"), rs.getString("status"),
                            rs.getString("exception_reason"), rs.getBigDecimal("usage"),
                            (Integer) rs.getObject("usage_days"));
                    reads.computeIfAbsent(rs.getLong("agreement_id"), k -> new ArrayList<>()).add(r);
                    return null;
                }).list();
        reads.values().forEach(l -> l.sort(READ_ORDER));
        return reads;
    }

    private BillableUsage usageOf(BillableService s, Point p, List<Read> reads, LocalDate cutoff,
            List<PendingEstimate> estimates) {
        long a = s.agreementId();
        if (p == null || p.servicePointId() == null || p.meterId() == null) {
            return problem(a, null, "NO_METER", "no meter is installed for this " + s.serviceType().toLowerCase()
                    + " service");
        }
        int fromIndex = -1;
        for (int i = 0; i < reads.size() && fromIndex < 0; i++) {
            Read r = reads.get(i);
            if (s.lastBilledReadId() != null ? r.id() == s.lastBilledReadId()
                    : r.accepted() && !r.date().isBefore(s.agreementStart())) {
                fromIndex = i;
            }
        }
        if (fromIndex < 0) {
            return problem(a, p.meterNumber(), "MISSING_READ", s.lastBilledReadId() != null
                    ? "the last billed read " + s.lastBilledReadId() + " is not at this service point"
                    : "no read at or after the agreement start " + s.agreementStart());
        }
        Read from = reads.get(fromIndex);
        LocalDate limit = s.agreementEnd() != null && s.agreementEnd().isBefore(cutoff) ? s.agreementEnd() : cutoff;
        int toIndex = -1;
        for (int i = fromIndex + 1; i < reads.size(); i++) {
            Read r = reads.get(i);
            if (!r.date().isAfter(from.date())) {
                continue;
            }
            if ("EXCEPTION".equals(r.status())) {
                return problem(a, p.meterNumber(), "READ_EXCEPTION", "read " + r.id() + " of " + r.date()
                        + " is held: " + r.exceptionReason());
            }
            if (r.accepted() && !r.date().isAfter(limit)) {
                toIndex = i;
            }
        }
        List<ReadHistory.Period> history = new ArrayList<>();
        for (Read r : reads) {
            if (r.accepted() && r.usage() != null && r.usageDays() != null) {
                history.add(new ReadHistory.Period(r.date(), r.usage(), r.usageDays()));
            }
        }
        if (toIndex >= 0) {
            Read to = reads.get(toIndex);
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal demand = null;
            Read previous = from;
            for (int i = fromIndex + 1; i <= toIndex; i++) {
                Read r = reads.get(i);
                if (!r.accepted()) {
                    continue;
                }
                // across an exchange (old meter's final read, new meter's initial read) nothing is used
                if (r.meterId() == previous.meterId()) {
                    total = total.add(ReadRules.usage(previous.reading(), r.reading(), r.dials(), r.multiplier()));
                }
                if (r.demandKw() != null && (demand == null || r.demandKw().compareTo(demand) > 0)) {
                    demand = r.demandKw();
                }
                previous = r;
            }
            boolean estimated = "ESTIMATED".equals(to.type());
            return new BillableUsage(a, to.meterNumber(), from.date(), to.date(), from.id(), to.id(), from.reading(),
                    to.reading(), ReadRules.wholeUnits(total), demand, estimated,
                    estimated ? estimatesEndingAt(reads, toIndex) : 0, null, null);
        }
        // no read: estimate up to the cycle's scheduled read date, never past the cutoff
        LocalDate scheduled = ReadSchedule.readDate(p.billingCycle(), YearMonth.from(limit));
        LocalDate toDate = scheduled.isAfter(from.date()) && !scheduled.isAfter(limit) ? scheduled : limit;
        if (!toDate.isAfter(from.date())) {
            return problem(a, p.meterNumber(), "MISSING_READ", "no read after " + from.date());
        }
        if (from.meterId() != p.meterId()) {
            return problem(a, p.meterNumber(), "MISSING_READ", "meter " + p.meterNumber()
                    + " has no initial read to estimate from");
        }
        long days = ChronoUnit.DAYS.between(from.date(), toDate);
        BigDecimal daily = ReadHistory.sameSeasonLastYear(history, toDate, settings.seasonWindowDays());
        if (daily == null) {
            daily = ReadHistory.recent(history, from.date());
        }
        if (daily == null) {
            daily = settings.defaultDailyUse(s.serviceType());
        }
        BigDecimal consumption = ReadRules.wholeUnits(daily.multiply(BigDecimal.valueOf(days)));
        BigDecimal capacity = ReadRules.dialCapacity(p.dials());
        BigDecimal reading = from.reading().add(consumption.divide(p.multiplier(), 4, RoundingMode.HALF_UP))
                .remainder(capacity).setScale(0, RoundingMode.HALF_UP);
        // the stored reading is whole; the consumption billed is what that reading gives
        consumption = ReadRules.wholeUnits(ReadRules.usage(from.reading(), reading, p.dials(), p.multiplier()));
        BigDecimal demand = null;
        if (p.hasDemand()) {
            for (Read r : reads) {
                if (r.accepted() && r.demandKw() != null && !r.date().isAfter(from.date())) {
                    demand = r.demandKw();
                }
            }
        }
        int inARow = "ESTIMATED".equals(from.type()) ? estimatesEndingAt(reads, fromIndex) + 1 : 1;
        estimates.add(new PendingEstimate(a, p.meterId(), p.servicePointId(), toDate, reading, demand, consumption,
                (int) days));
        return new BillableUsage(a, p.meterNumber(), from.date(), toDate, from.id(), null, from.reading(), reading,
                consumption, demand, true, inARow, null, null);
    }

    /** Consecutive accepted estimated reads ending at the read at index end. */
    private static int estimatesEndingAt(List<Read> reads, int end) {
        int count = 0;
        for (int i = end; i >= 0; i--) {
            Read r = reads.get(i);
            if (!r.accepted()) {
                continue;
            }
            if (!"ESTIMATED".equals(r.type())) {
                break;
            }
            count++;
        }
        return count;
    }

    private static BillableUsage problem(long agreementId, String meterNumber, String problem, String reason) {
        return new BillableUsage(agreementId, meterNumber, null, null, null, null, null, null, null, null, false, 0,
                problem, reason);
    }

    /** Inserts the estimated reads in one statement; a read already stored (a rerun) is found again. */
    private Map<Long, Long> storeEstimates(List<PendingEstimate> estimates) {
        int n = estimates.size();
        Long[] meters = new Long[n];
        Long[] points = new Long[n];
        String[] dates = new String[n];
        BigDecimal[] readings = new BigDecimal[n];
        BigDecimal[] demands = new BigDecimal[n];
        BigDecimal[] usages = new BigDecimal[n];
        Integer[] days = new Integer[n];
        for (int i = 0; i < n; i++) {
            PendingEstimate e = estimates.get(i);
            meters[i] = e.meterId();
            points[i] = e.servicePointId();
            dates[i] = e.date().toString();
            readings[i] = e.reading();
            demands[i] = e.demandKw();
            usages[i] = e.usage();
            days[i] = e.days();
        }
        String actor = Actors.current();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into meter_read (meter_id, service_point_id, read_date, reading, read_type, demand_kw, source,
                                        status, usage, usage_days, entered_at, entered_by)
                select e.meter_id, e.sp_id, e.read_date, e.reading, 'ESTIMATED', e.demand_kw, 'ESTIMATE', 'ACCEPTED',
                       e.usage, e.days, ?, ?
                  from unnest(?::bigint[], ?::bigint[], ?::date[], ?::numeric[], ?::numeric[], ?::numeric[], ?::int[])
                       as e(meter_id, sp_id, read_date, reading, demand_kw, usage, days)
                on conflict (meter_id, read_date, reading, read_type) where status <> 'REPLACED' do nothing
                """).params(now, actor, meters, points, dates, readings, demands, usages, days).update();
        Map<Long, Long> byMeterAndDate = new HashMap<>();
        jdbc.sql("""
                select r.id, r.meter_id from meter_read r
                  join unnest(?::bigint[], ?::date[], ?::numeric[]) as e(meter_id, read_date, reading)
                    on r.meter_id = e.meter_id and r.read_date = e.read_date and r.reading = e.reading
                 where r.read_type = 'ESTIMATED' and r.status <> 'REPLACED'
                """).params(meters, dates, readings)
                .query((rs, row) -> byMeterAndDate.put(rs.getLong("meter_id"), rs.getLong("id"))).list();
        Map<Long, Long> ids = new HashMap<>();
        for (PendingEstimate e : estimates) {
            ids.put(e.agreementId(), byMeterAndDate.get(e.meterId()));
        }
        audit.recordEvent("estimated-reads-stored", "meter_read", "estimates",
                n + " estimated reads stored, e.g. meter " + estimates.get(0).meterId() + " on " + estimates.get(0).date());
        return ids;
    }
}
