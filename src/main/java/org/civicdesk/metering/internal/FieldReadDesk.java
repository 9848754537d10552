package org.civicdesk.metering.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.metering.FieldReads;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The field service module's way in: meters at a premise, reread requests, field reads (source FIELD). */
@Component
class FieldReadDesk implements FieldReads {

    private final JdbcClient jdbc;
    private final ReadDesk reads;
    private final AuditTrail audit;

    FieldReadDesk(JdbcClient jdbc, ReadDesk reads, AuditTrail audit) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> meterAt(long premiseId, String serviceType, LocalDate on) {
        return jdbc.sql("""
                select m.meter_number from service_point sp join meter_install mi on mi.service_point_id = sp.id
                  join meter m on m.id = mi.meter_id
                 where sp.premise_id = ? and sp.service_type = ? and mi.installed_on <= ?
                   and (mi.removed_on is null or mi.removed_on > ?)
                 order by mi.installed_on desc limit 1""").params(premiseId, serviceType, on, on)
                .query(String.class).optional();
    }

    @Override
    @Transactional
    public FieldRead enter(String accountNumber, String meterNumber, LocalDate readDate, String reading, String readType) {
        if (!"ACTUAL".equals(readType) && !"FINAL".equals(readType)) {
            throw new BusinessRuleViolation("reads.invalid", "readType", "a field read is ACTUAL or FINAL, not " + readType);
        }
        if (meterNumber == null || meterNumber.isBlank()) {
            throw new BusinessRuleViolation("reads.invalid", "meterNumber", "no meter is installed for this service");
        }
        ReadDesk.Read r = reads.enter(accountNumber, meterNumber, readDate == null ? null : readDate.toString(), reading,
                readType, null, "FIELD");
        return new FieldRead(r.id(), r.meterNumber(), r.readDate(), r.reading(), r.readType(), r.status(),
                r.exceptionReason());
    }

    @Override
    @Transactional(readOnly = true)
    public List<RereadToDispatch> openRereads(int limit) {
        return jdbc.sql("""
                select q.id, q.read_id, m.meter_number, sp.premise_id,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city, p.route, sp.service_type,
                       a.id, a.account_number, sa.id, q.note
                  from reread_request q join meter m on m.id = q.meter_id
                  join service_point sp on sp.id = q.service_point_id join premise p on p.id = sp.premise_id
                  left join lateral (select s.id, s.account_id from service_agreement s
                                      where s.premise_id = sp.premise_id and s.service_type = sp.service_type
                                        and s.status in ('ACTIVE', 'PENDING_STOP', 'PENDING_START')
                                      order by s.start_date desc limit 1) sa on true
                  left join account a on a.id = sa.account_id
                 where q.status = 'OPEN' order by q.id limit ?""").param(limit)
                .query((rs, n) -> new RereadToDispatch(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8), rs.getString(9),
                        (Long) rs.getObject(10), rs.getString(11)))
                .list();
    }

    @Override
    @Transactional
    public boolean markRereadDispatched(long rereadId) {
        boolean done = jdbc.sql("update reread_request set status = 'DISPATCHED' where id = ? and status = 'OPEN'")
                .param(rereadId).update() == 1;
        if (done) {
            audit.recordChange("reread_request", Long.toString(rereadId), "dispatched", "OPEN", "DISPATCHED");
        }
        return done;
    }

    @Override
    @Transactional
    public void closeReread(long rereadId, boolean completed) {
        String to = completed ? "COMPLETED" : "CANCELLED";
        if (jdbc.sql("update reread_request set status = ? where id = ? and status in ('OPEN', 'DISPATCHED')")
                .params(to, rereadId).update() == 1) {
            audit.recordChange("reread_request", Long.toString(rereadId), completed ? "completed" : "cancelled",
                    "DISPATCHED", to);
        }
    }
}
