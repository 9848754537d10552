package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single reads (screen and API) and the exception queue: accept with a note, correct (the held read is marked
 * REPLACED and a new read taken), or request a reread field order. Each audited.
 */
@Component
public class ReadDesk {

    /** A read as stored. */
    public record Read(long id, String meterNumber, long servicePointId, LocalDate readDate, BigDecimal reading,
            String readType, BigDecimal demandKw, String source, String status, String exceptionCode,
            String exceptionReason, BigDecimal usage, Integer usageDays, Long replacesReadId, String resolutionNote,
            Instant enteredAt, String enteredBy, String premiseAddress, String units, Long openRereadId) {
    }

    private final JdbcClient jdbc;
    private final ReadIntake intake;
    private final AuditTrail audit;
    private final Clock clock;

    ReadDesk(JdbcClient jdbc, ReadIntake intake, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    /** Takes one read; refused with the field at fault, else stored as accepted or held. */
    @Transactional
    public Read enter(String accountNumber, String meterNumber, String readDate, String reading, String readType,
            String demandKw, String source) {
        ReadIntake.Outcome o = intake.take(List.of(new ReadIntake.Candidate(1, null, accountNumber, meterNumber,
                readDate, reading, readType, demandKw)), source, null).get(0);
        if ("REJECTED".equals(o.outcome())) {
            throw new BusinessRuleViolation("reads.invalid", camel(o.field()), o.reason());
        }
        Read read = read(o.readId());
        if (!o.duplicate()) {
            audit.recordChange("meter_read", Long.toString(read.id()), "entered", null, summary(read));
        }
        return read;
    }

    @Transactional
    public Read accept(long readId, String note) {
        Read before = lockHeld(readId);
        requireNote(note);
        jdbc.sql("""
                update meter_read set status = 'ACCEPTED', resolution_note = ?, resolved_at = ?, resolved_by = ?
                 where id = ?""").params(note.trim(), Timestamp.from(clock.instant()), Actors.current(), readId).update();
        cancelRereads(readId);
        Read after = read(readId);
        audit.recordChange("meter_read", Long.toString(readId), "exception-accepted", summary(before), summary(after));
        return after;
    }

    /** Replaces a held or accepted read with a corrected reading of the same meter, date and type. */
    @Transactional
    public Read correct(long readId, String reading, String note) {
        Read before = lockRead(readId);
        if ("REPLACED".equals(before.status())) {
            throw new Conflict("reads.already-replaced", "read " + readId + " was already replaced");
        }
        requireNote(note);
        jdbc.sql("""
                update meter_read set status = 'REPLACED', resolution_note = ?, resolved_at = ?, resolved_by = ?
                 where id = ?""").params(note.trim(), Timestamp.from(clock.instant()), Actors.current(), readId).update();
        ReadIntake.Outcome o = intake.take(List.of(new ReadIntake.Candidate(1, null, null, before.meterNumber(),
                before.readDate().toString(), reading, before.readType(),
                before.demandKw() == null ? null : before.demandKw().toPlainString())), "SCREEN", null).get(0);
        if ("REJECTED".equals(o.outcome())) {
            throw new BusinessRuleViolation("reads.invalid", camel(o.field()), o.reason());
        }
        jdbc.sql("update meter_read set replaces_read_id = ? where id = ?").params(readId, o.readId()).update();
        cancelRereads(readId);
        Read after = read(o.readId());
        audit.recordChange("meter_read", Long.toString(readId), "corrected", summary(before),
                "replaced by read " + after.id() + ": " + summary(after));
        return after;
    }

    /** Files a reread field order for a held read (the field service module dispatches OPEN ones). */
    @Transactional
    public long requestReread(long readId, String note) {
        Read read = lockHeld(readId);
        if (read.openRereadId() != null) {
            throw new Conflict("reads.reread-open", "a reread of read " + readId + " is already requested ("
                    + read.openRereadId() + ")");
        }
        long id = jdbc.sql("""
                insert into reread_request (read_id, meter_id, service_point_id, note, requested_at, requested_by)
                select id, meter_id, service_point_id, ?, ?, ? from meter_read where id = ? returning id""")
                .params(note == null || note.isBlank() ? null : note.trim(), Timestamp.from(clock.instant()),
                        Actors.current(), readId)
                .query(Long.class).single();
        audit.recordChange("reread_request", Long.toString(id), "requested", null,
                "reread of meter " + read.meterNumber() + " (read " + readId + ", " + read.exceptionCode() + ")");
        return id;
    }

    private void cancelRereads(long readId) {
        jdbc.sql("update reread_request set status = 'CANCELLED' where read_id = ? and status = 'OPEN'")
                .param(readId).update();
    }

    private Read lockHeld(long readId) {
        Read r = lockRead(readId);
        if (!"EXCEPTION".equals(r.status())) {
            throw new Conflict("reads.not-held", "read " + readId + " is " + r.status().toLowerCase()
                    + ", not held as an exception");
        }
        return r;
    }

    private Read lockRead(long readId) {
        jdbc.sql("select id from meter_read where id = ? for update").param(readId).query(Long.class).optional()
                .orElseThrow(() -> new RecordNotFound("readId", "no read " + readId));
        return read(readId);
    }

    private static void requireNote(String note) {
        if (note == null || note.isBlank()) {
            throw new BusinessRuleViolation("reads.invalid", "note", "say why (a note is required)");
        }
    }

    static final String READ_SQL = """
            select r.id, m.meter_number, r.service_point_id, r.read_date, r.reading, r.read_type, r.demand_kw, r.source,
                   r.status, r.exception_code, r.exception_reason, r.usage, r.usage_days, r.replaces_read_id,
                   r.resolution_note, r.entered_at, r.entered_by,
                   p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address, m.units,
                   (select q.id from reread_request q where q.read_id = r.id and q.status = 'OPEN') as reread_id
              from meter_read r join meter m on m.id = r.meter_id
              join service_point sp on sp.id = r.service_point_id join premise p on p.id = sp.premise_id
            """;

    static Read map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Read(rs.getLong("id"), rs.getString("meter_number"), rs.getLong("service_point_id"),
                rs.getObject("read_date", LocalDate.class), rs.getBigDecimal("reading"), rs.getString("read_type"),
                rs.getBigDecimal("demand_kw"), rs.getString("source"), rs.getString("status"),
                rs.getString("exception_code"), rs.getString("exception_reason"), rs.getBigDecimal("usage"),
                (Integer) rs.getObject("usage_days"), (Long) rs.getObject("replaces_read_id"),
                rs.getString("resolution_note"), rs.getTimestamp("entered_at").toInstant(), rs.getString("entered_by"),
                rs.getString("address"), rs.getString("units"), (Long) rs.getObject("reread_id"));
    }

    public Read read(long id) {
        return jdbc.sql(READ_SQL + " where r.id = ?").param(id).query(ReadDesk::map).optional()
                .orElseThrow(() -> new RecordNotFound("readId", "no read " + id));
    }

    /** A meter's reads, newest first. */
    public List<Read> readsOfMeter(String meterNumber, int limit) {
        return jdbc.sql(READ_SQL + " where m.meter_number = ? order by r.read_date desc, r.id desc limit ?")
                .params(meterNumber, limit).query(ReadDesk::map).list();
    }

    /** The held reads, oldest first. */
    public List<Read> exceptions(int limit) {
        return exceptions(null, limit);
    }

    /**
     * Held reads, oldest first; with a filter only those of that meter number, or of meters at the premises of that
     * account number (a city has more held reads than one page shows).
     */
    public List<Read> exceptions(String meterOrAccount, int limit) {
        String f = blankToNull(meterOrAccount);
        return jdbc.sql(READ_SQL + " where r.status = 'EXCEPTION' and " + EXCEPTION_FILTER
                        + " order by r.read_date, r.id limit :limit")
                .param("f", f).param("limit", limit).query(ReadDesk::map).list();
    }

    public long exceptionCount() {
        return exceptionCount(null);
    }

    public long exceptionCount(String meterOrAccount) {
        return jdbc.sql("""
                select count(*) from meter_read r join meter m on m.id = r.meter_id
                  join service_point sp on sp.id = r.service_point_id
                where r.status = 'EXCEPTION' and""" + " " + EXCEPTION_FILTER)
                .param("f", blankToNull(meterOrAccount)).query(Long.class).single();
    }

    private static final String EXCEPTION_FILTER = """
            (cast(:f as text) is null or m.meter_number = upper(cast(:f as text))
             or exists (select 1 from service_agreement sa join account a on a.id = sa.account_id
                        where sa.premise_id = sp.premise_id and a.account_number = replace(cast(:f as text), '-', '')))""";

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String summary(Read r) {
        return "meter " + r.meterNumber() + ", " + r.readDate() + ", " + r.reading().stripTrailingZeros().toPlainString()
                + " " + r.units() + ", " + r.readType() + (r.demandKw() == null ? "" : ", " + r.demandKw() + " kW")
                + ", " + r.source() + ", " + r.status()
                + (r.exceptionCode() == null ? "" : " (" + r.exceptionCode() + ": " + r.exceptionReason() + ")")
                + (r.resolutionNote() == null ? "" : ", note: " + r.resolutionNote());
    }

    /** File-column names in CSV reports; camelCase in API problems. */
    static String camel(String field) {
        if (field == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : field.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }
}
