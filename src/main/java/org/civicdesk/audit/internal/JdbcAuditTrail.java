package org.civicdesk.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.platform.CopyText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.ObjectMapper;

/** Writes audit rows in the caller's transaction (MANDATORY would be too strict for sign-in events). */
@Component
class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final ObjectMapper json;

    JdbcAuditTrail(JdbcClient jdbc, DataSource dataSource, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.json = json;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordChange(String recordType, String recordId, String action, Object before, Object after) {
        insert(action, recordType, recordId, toJson(before), toJson(after), null);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordChanges(String recordType, String action, java.util.List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // by COPY: a lockbox chunk or bill run writes thousands at once
        String at = clock.instant().toString();
        String actor = actor();
        String address = address();
        CopyText rows = new CopyText();
        for (Change c : changes) {
            rows.add(at).add(actor).add(address).add(action).add(recordType).add(c.recordId())
                    .add(toJson(c.before())).add(toJson(c.after())).end();
        }
        rows.copyInto(dataSource, "audit_event (occurred_at, actor, actor_address, action, record_type, record_id, "
                + "before_state, after_state)");
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordReveal(String recordType, String recordId, String field) {
        insert("revealed", recordType, recordId, null, null, field);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordEvent(String action, String recordType, String recordId, String detail) {
        insert(action, recordType, recordId, null, null, detail);
    }

    private void insert(String action, String recordType, String recordId, String before, String after, String detail) {
        jdbc.sql("""
                insert into audit_event (occurred_at, actor, actor_address, action, record_type, record_id,
                                         before_state, after_state, detail)
                values (:at, :actor, :address, :action, :recordType, :recordId,
                        cast(:before as jsonb), cast(:after as jsonb), :detail)
                """)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor())
                .param("address", address())
                .param("action", action)
                .param("recordType", recordType)
                .param("recordId", recordId)
                .param("before", before)
                .param("after", after)
                .param("detail", detail)
                .update();
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        if (state instanceof String s && (s.startsWith("{") || s.startsWith("["))) {
            return s;
        }
        return json.writeValueAsString(state);
    }

    static String actor() {
        String override = AuditActor.override();
        if (override != null) {
            return override;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getName() != null) {
            return auth.getName();
        }
        return "anonymous";
    }

    static String address() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
