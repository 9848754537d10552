package org.civicdesk.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Searching the trail by user, record and business date (newest first, pages by id). */
@Component
class AuditSearch implements org.civicdesk.audit.AuditHistory {

    record Criteria(String actor, String recordType, String recordId, String action, LocalDate from, LocalDate to,
            Long beforeId) {
    }

    record Row(long id, Instant occurredAt, String actor, String actorAddress, String action, String recordType,
            String recordId, String before, String after, String detail) {
    }

    static final int PAGE = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Row> search(Criteria c) {
        StringBuilder sql = new StringBuilder("select * from audit_event where true");
        List<Object> args = new ArrayList<>();
        if (notBlank(c.actor())) {
            sql.append(" and lower(actor) = lower(?)");
            args.add(c.actor().trim());
        }
        if (notBlank(c.recordType())) {
            sql.append(" and record_type = ?");
            args.add(c.recordType().trim());
        }
        if (notBlank(c.recordId())) {
            sql.append(" and record_id = ?");
            args.add(c.recordId().trim());
        }
        if (notBlank(c.action())) {
            sql.append(" and action = ?");
            args.add(c.action().trim());
        }
        if (c.from() != null) {
            sql.append(" and occurred_at >= ?");
            args.add(Timestamp.from(c.from().atStartOfDay(clock.getZone()).toInstant()));
        }
        if (c.to() != null) {
            sql.append(" and occurred_at < ?");
            args.add(Timestamp.from(c.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
        }
        if (c.beforeId() != null) {
            sql.append(" and id < ?");
            args.add(c.beforeId());
        }
        sql.append(" order by id desc limit ").append(PAGE);
        var spec = jdbc.sql(sql.toString());
        for (Object arg : args) {
            spec = spec.param(arg);
        }
        return spec.query((rs, n) -> new Row(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"), rs.getString("actor_address"), rs.getString("action"),
                rs.getString("record_type"), rs.getString("record_id"), rs.getString("before_state"),
                rs.getString("after_state"), rs.getString("detail"))).list();
    }

    @Override
    public List<Entry> forRecord(String recordType, String recordId, int limit) {
        return jdbc.sql("""
                select * from audit_event where record_type = :type and record_id = :id
                 order by occurred_at desc, id desc limit :limit
                """)
                .param("type", recordType).param("id", recordId).param("limit", limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("actor_address"), rs.getString("action"),
                        rs.getString("detail"), rs.getString("before_state"), rs.getString("after_state")))
                .list();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
