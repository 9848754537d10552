package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes reads, one or a whole file's worth, in a few set-based statements: parses each, finds its meter,
 * account and service point and what is known there (previous read, a later accepted read, the same season
 * last year, recent use, an active agreement) in one query, checks it (ReadRules) in date order per service
 * point, and inserts the accepted and held reads in one statement. A line equal to a read on file is not
 * doubled. Runs inside the caller's transaction.
 */
@Component
class ReadIntake {

    /** One read as given: text fields as they came (from a file line, a form or JSON). */
    record Candidate(int lineNo, String raw, String accountNumber, String meterNumber, String readDate,
            String reading, String readType, String demandKw) {
    }

    /** What became of a candidate. */
    record Outcome(int lineNo, String raw, String outcome, String field, String reason, Long readId,
            boolean duplicate) {
    }

    private static final class Line {
        final Candidate c;
        LocalDate date;
        BigDecimal reading;
        String type;
        BigDecimal demand;
        Resolved r;
        String outcome;
        String field;
        String reason;
        Long readId;
        boolean duplicate;
        String exceptionCode;
        BigDecimal usage;
        Integer usageDays;
        Line twin;

        Line(Candidate c) {
            this.c = c;
        }

        void reject(String field, String reason) {
            this.outcome = "REJECTED";
            this.field = field;
            this.reason = reason;
        }
    }

    private record Resolved(Long meterId, int dials, BigDecimal multiplier, boolean hasDemand, String units,
            Long accountId, Long servicePointId, Long agreementId, boolean activeService, Long prevId,
            Long prevMeterId, LocalDate prevDate, BigDecimal prevReading, boolean laterAccepted,
            BigDecimal seasonUsage, Long seasonDays, BigDecimal recentUsage, Long recentDays, Long duplicateId,
            String duplicateStatus) {
    }

    private final JdbcClient jdbc;
    private final ReadSettings settings;
    private final Clock clock;

    ReadIntake(JdbcClient jdbc, ReadSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    List<Outcome> take(List<Candidate> candidates, String source, Long importId) {
        LocalDate today = LocalDate.now(clock);
        List<Line> lines = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            Line l = new Line(c);
            parse(l, today);
            lines.add(l);
        }
        resolve(lines);
        check(lines);
        insert(lines, source, importId);
        List<Outcome> outcomes = new ArrayList<>(lines.size());
        for (Line l : lines) {
            outcomes.add(new Outcome(l.c.lineNo(), l.c.raw(), l.outcome, l.field, l.reason, l.readId, l.duplicate));
        }
        return outcomes;
    }

    private static void parse(Line l, LocalDate today) {
        Candidate c = l.c;
        if (c.meterNumber() == null || c.meterNumber().isBlank()) {
            l.reject("meter_number", "meter number is missing");
            return;
        }
        try {
            l.date = LocalDate.parse(c.readDate() == null ? "" : c.readDate().trim());
        } catch (DateTimeParseException e) {
            l.reject("read_date", "read date '" + nullToEmpty(c.readDate()) + "' is not a date (yyyy-mm-dd)");
            return;
        }
        if (l.date.isAfter(today)) {
            l.reject("read_date", "read date " + l.date + " is in the future (today is " + today + ")");
            return;
        }
        try {
            l.reading = new BigDecimal(c.reading() == null ? "" : c.reading().trim());
        } catch (NumberFormatException e) {
            l.reject("reading", "reading '" + nullToEmpty(c.reading()) + "' is not a number");
            return;
        }
        if (l.reading.signum() < 0 || l.reading.scale() > 4 || l.reading.precision() - l.reading.scale() > 10) {
            l.reject("reading", "reading " + c.reading() + " is not a meter reading (0 or more, at most 4 decimals)");
            return;
        }
        l.type = c.readType() == null ? "" : c.readType().trim().toUpperCase(Locale.ROOT);
        if (!ReadRules.READ_TYPES.contains(l.type)) {
            l.reject("read_type", "read type '" + nullToEmpty(c.readType()) + "' is not one of "
                    + String.join(", ", ReadRules.READ_TYPES).toLowerCase(Locale.ROOT));
            return;
        }
        if (c.demandKw() != null && !c.demandKw().isBlank()) {
            try {
                l.demand = new BigDecimal(c.demandKw().trim());
            } catch (NumberFormatException e) {
                l.reject("demand_kw", "demand '" + c.demandKw() + "' is not a number");
                return;
            }
            if (l.demand.signum() < 0 || l.demand.scale() > 1) {
                l.reject("demand_kw", "demand " + c.demandKw() + " is not kW to one decimal (0 or more)");
            }
        }
    }

    /** Everything known about each parsed line, in one query. */
    private void resolve(List<Line> lines) {
        List<Line> parsed = lines.stream().filter(l -> l.outcome == null).toList();
        if (parsed.isEmpty()) {
            return;
        }
        int n = parsed.size();
        Integer[] ord = new Integer[n];
        String[] accounts = new String[n];
        String[] meters = new String[n];
        String[] dates = new String[n];
        BigDecimal[] readings = new BigDecimal[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            Line l = parsed.get(i);
            ord[i] = i;
            accounts[i] = l.c.accountNumber() == null || l.c.accountNumber().isBlank() ? null : l.c.accountNumber().trim();
            meters[i] = l.c.meterNumber().trim().toUpperCase(Locale.ROOT);
            dates[i] = l.date.toString();
            readings[i] = l.reading;
            types[i] = l.type;
        }
        int w = settings.seasonWindowDays();
        Map<Integer, Resolved> found = new HashMap<>();
        jdbc.sql("""
                select i.ord, m.id as meter_id, m.dial_count, m.multiplier, m.has_demand, m.units, a.id as account_id,
                       mi.service_point_id, ag.id as agreement_id,
                       exists (select 1 from service_agreement x where x.premise_id = sp.premise_id
                                  and x.service_type = sp.service_type and x.status in ('ACTIVE', 'PENDING_STOP')
                                  and x.start_date <= i.d and (x.end_date is null or x.end_date >= i.d)) as active,
                       pr.id as prev_id, pr.meter_id as prev_meter_id, pr.read_date as prev_date, pr.reading as prev_reading,
                       exists (select 1 from meter_read l where l.service_point_id = mi.service_point_id
                                  and l.status = 'ACCEPTED' and l.read_date > i.d) as later,
                       ss.usage as season_usage, ss.days as season_days, rc.usage as recent_usage, rc.days as recent_days,
                       dup.id as dup_id, dup.status as dup_status
                  from unnest(?::int[], ?::text[], ?::text[], ?::date[], ?::numeric[], ?::text[])
                       as i(ord, acct, meter, d, reading, read_type)
                  left join meter m on m.meter_number = i.meter
                  left join account a on a.account_number = i.acct
                  left join lateral (select x.service_point_id from meter_install x
                                      where x.meter_id = m.id and x.installed_on <= i.d
                                        and (x.removed_on is null or x.removed_on >= i.d)
                                      order by x.installed_on desc limit 1) mi on true
                  left join service_point sp on sp.id = mi.service_point_id
                  left join lateral (select x.id from service_agreement x
                                      where x.account_id = a.id and x.premise_id = sp.premise_id
                                        and x.service_type = sp.service_type and x.start_date <= i.d
                                        and (x.end_date is null or x.end_date >= i.d)
                                      order by x.start_date desc limit 1) ag on true
                  left join lateral (select x.id, x.meter_id, x.read_date, x.reading from meter_read x
                                      where x.service_point_id = mi.service_point_id and x.status = 'ACCEPTED'
                                        and x.read_date <= i.d
                                      order by x.read_date desc, (x.read_type = 'INITIAL') desc, x.id desc limit 1) pr on true
                  left join lateral (select sum(x.usage) as usage, sum(x.usage_days) as days from meter_read x
                                      where x.service_point_id = mi.service_point_id and x.status = 'ACCEPTED'
                                        and x.usage is not null and x.usage_days > 0
                                        and x.read_date between (i.d - interval '1 year')::date - ?
                                                            and (i.d - interval '1 year')::date + ?) ss on true
                  left join lateral (select sum(y.usage) as usage, sum(y.usage_days) as days from (
                                      select x.usage, x.usage_days from meter_read x
                                       where x.service_point_id = mi.service_point_id and x.status = 'ACCEPTED'
                                         and x.usage is not null and x.usage_days > 0 and x.read_date <= i.d
                                       order by x.read_date desc limit 3) y) rc on true
                  left join lateral (select x.id, x.status from meter_read x
                                      where x.meter_id = m.id and x.read_date = i.d and x.reading = i.reading
                                        and x.read_type = i.read_type and x.status <> 'REPLACED' limit 1) dup on true
                """).params(ord, accounts, meters, dates, readings, types, w, w)
                .query((rs, row) -> found.put(rs.getInt("ord"), new Resolved((Long) rs.getObject("meter_id"),
                        rs.getInt("dial_count"), rs.getBigDecimal("multiplier"), rs.getBoolean("has_demand"),
                        rs.getString("units"), (Long) rs.getObject("account_id"),
                        (Long) rs.getObject("service_point_id"), (Long) rs.getObject("agreement_id"),
                        rs.getBoolean("active"), (Long) rs.getObject("prev_id"), (Long) rs.getObject("prev_meter_id"),
                        rs.getObject("prev_date", LocalDate.class), rs.getBigDecimal("prev_reading"),
                        rs.getBoolean("later"), rs.getBigDecimal("season_usage"), longOrNull(rs.getObject("season_days")),
                        rs.getBigDecimal("recent_usage"), longOrNull(rs.getObject("recent_days")),
                        (Long) rs.getObject("dup_id"), rs.getString("dup_status"))))
                .list();
        for (int i = 0; i < n; i++) {
            Line l = parsed.get(i);
            Resolved r = found.get(i);
            l.r = r;
            String meter = meters[i];
            if (r.meterId() == null) {
                l.reject("meter_number", "no meter " + meter);
            } else if (accounts[i] != null && r.accountId() == null) {
                l.reject("account_number", "no account " + accounts[i]);
            } else if (r.servicePointId() == null) {
                l.reject("meter_number", "meter " + meter + " was not installed on " + l.date);
            } else if (accounts[i] != null && r.agreementId() == null) {
                l.reject("meter_number", "meter " + meter + " is not at a premise where account " + accounts[i]
                        + " had this service on " + l.date);
            } else if (l.demand != null && !r.hasDemand()) {
                l.reject("demand_kw", "meter " + meter + " does not record demand");
            } else if (r.duplicateId() != null) {
                l.outcome = "REPLACED".equals(r.duplicateStatus()) ? "ACCEPTED" : r.duplicateStatus();
                l.readId = r.duplicateId();
                l.duplicate = true;
                l.reason = "the same read is already on file (read " + r.duplicateId() + "); not recorded twice";
            }
        }
    }

    private static Long longOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    /** Checks the lines in date order per service point; an accepted line is the previous read of the next. */
    private void check(List<Line> lines) {
        List<Line> open = new ArrayList<>(lines.stream().filter(l -> l.outcome == null).toList());
        open.sort(Comparator.comparing((Line l) -> l.r.servicePointId()).thenComparing(l -> l.date)
                .thenComparingInt(l -> l.c.lineNo()));
        Map<String, Line> sameInFile = new HashMap<>();
        Line previousInFile = null;
        for (Line l : open) {
            Resolved r = l.r;
            String key = r.meterId() + "|" + l.date + "|" + l.reading.stripTrailingZeros().toPlainString() + "|" + l.type;
            Line twin = sameInFile.putIfAbsent(key, l);
            if (twin != null) {
                l.outcome = twin.outcome;
                l.twin = twin;
                l.duplicate = true;
                l.reason = "the same read is on line " + twin.c.lineNo() + "; not recorded twice";
                continue;
            }
            if (previousInFile != null && !previousInFile.r.servicePointId().equals(r.servicePointId())) {
                previousInFile = null;
            }
            Long prevMeter = r.prevMeterId();
            LocalDate prevDate = r.prevDate();
            BigDecimal prevReading = r.prevReading();
            if (previousInFile != null && "ACCEPTED".equals(previousInFile.outcome)) {
                prevMeter = previousInFile.r.meterId();
                prevDate = previousInFile.date;
                prevReading = previousInFile.reading;
            }
            boolean sameMeter = prevMeter != null && prevMeter.equals(r.meterId());
            long days = sameMeter ? ChronoUnit.DAYS.between(prevDate, l.date) : 0;
            BigDecimal season = daily(r.seasonUsage(), r.seasonDays());
            BigDecimal expected = season != null ? season : daily(r.recentUsage(), r.recentDays());
            if (expected == null) {
                expected = settings.defaultDailyUse(serviceTypeOf(r.units()));
            }
            ReadRules.Verdict v = ReadRules.check(new ReadRules.ReadCheck(l.type, l.reading,
                    sameMeter ? prevReading : null, days, r.dials(), r.multiplier(), r.laterAccepted(), season, expected,
                    r.activeService()), settings.thresholds(), r.units());
            l.usage = v.usage();
            l.usageDays = v.usage() == null ? null : (int) days;
            if (v.held()) {
                l.outcome = "EXCEPTION";
                l.exceptionCode = v.exceptionCode();
                l.reason = v.reason();
            } else {
                l.outcome = "ACCEPTED";
            }
            previousInFile = l;
        }
    }

    private static String serviceTypeOf(String units) {
        return switch (units) {
            case "kWh" -> "ELECTRIC";
            case "therm" -> "GAS";
            default -> "WATER";
        };
    }

    private static BigDecimal daily(BigDecimal usage, Long days) {
        if (usage == null || days == null || days == 0) {
            return null;
        }
        return usage.divide(BigDecimal.valueOf(days), 6, java.math.RoundingMode.HALF_UP);
    }

    private void insert(List<Line> lines, String source, Long importId) {
        List<Line> toInsert = lines.stream().filter(l -> l.readId == null && !l.duplicate
                && ("ACCEPTED".equals(l.outcome) || "EXCEPTION".equals(l.outcome))).toList();
        if (toInsert.isEmpty()) {
            return;
        }
        insertReads(lines, toInsert, source, importId);
    }

    private void insertReads(List<Line> lines, List<Line> toInsert, String source, Long importId) {
        int n = toInsert.size();
        Long[] meters = new Long[n];
        Long[] points = new Long[n];
        String[] dates = new String[n];
        BigDecimal[] readings = new BigDecimal[n];
        String[] types = new String[n];
        BigDecimal[] demands = new BigDecimal[n];
        String[] statuses = new String[n];
        String[] codes = new String[n];
        String[] reasons = new String[n];
        BigDecimal[] usages = new BigDecimal[n];
        Integer[] days = new Integer[n];
        Integer[] lineNos = new Integer[n];
        for (int i = 0; i < n; i++) {
            Line l = toInsert.get(i);
            meters[i] = l.r.meterId();
            points[i] = l.r.servicePointId();
            dates[i] = l.date.toString();
            readings[i] = l.reading;
            types[i] = l.type;
            demands[i] = l.demand;
            statuses[i] = l.outcome;
            codes[i] = l.exceptionCode;
            reasons[i] = "EXCEPTION".equals(l.outcome) ? l.reason : null;
            usages[i] = l.usage;
            days[i] = l.usageDays;
            lineNos[i] = importId == null ? null : l.c.lineNo();
        }
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("""
                insert into meter_read (meter_id, service_point_id, read_date, reading, read_type, demand_kw, source,
                                        status, exception_code, exception_reason, usage, usage_days, import_id,
                                        import_line, entered_at, entered_by)
                select meter_id, sp_id, read_date, reading, read_type, demand_kw, ?, status, code, reason, usage, days,
                       ?, line_no, ?, ?
                  from unnest(?::bigint[], ?::bigint[], ?::date[], ?::numeric[], ?::text[], ?::numeric[], ?::text[],
                              ?::text[], ?::text[], ?::numeric[], ?::int[], ?::int[])
                       as e(meter_id, sp_id, read_date, reading, read_type, demand_kw, status, code, reason, usage, days,
                            line_no)
                returning id, meter_id, read_date, reading, read_type
                """).params(source, importId, Timestamp.from(clock.instant()), Actors.current(), meters, points, dates,
                        readings, types, demands, statuses, codes, reasons, usages, days, lineNos)
                .query((rs, row) -> ids.put(key(rs.getLong("meter_id"), rs.getObject("read_date", LocalDate.class),
                        rs.getBigDecimal("reading"), rs.getString("read_type")), rs.getLong("id")))
                .list();
        for (Line l : toInsert) {
            l.readId = ids.get(key(l.r.meterId(), l.date, l.reading, l.type));
        }
        for (Line l : lines) {
            if (l.twin != null) {
                l.readId = l.twin.readId;
            }
        }
    }

    private static String key(long meterId, LocalDate date, BigDecimal reading, String type) {
        return meterId + "|" + date + "|" + reading.stripTrailingZeros().toPlainString() + "|" + type;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
