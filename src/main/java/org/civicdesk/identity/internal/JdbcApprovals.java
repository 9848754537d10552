package org.civicdesk.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/** The second-person rule: requests are stored; the action runs only when another permitted user approves. */
@Service
class JdbcApprovals implements Approvals {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final Map<String, ApprovalAction<?>> actions = new HashMap<>();

    JdbcApprovals(JdbcClient jdbc, Clock clock, ObjectMapper json, AuditTrail audit, List<ApprovalAction<?>> actions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.audit = audit;
        for (ApprovalAction<?> action : actions) {
            if (this.actions.put(action.actionType(), action) != null) {
                throw new IllegalStateException("Two approval actions of type " + action.actionType());
            }
        }
    }

    @Override
    @Transactional
    public <P> ApprovalRequest request(String actionType, P payload, String reason) {
        ApprovalAction<P> action = action(actionType);
        String requester = CurrentStaff.username()
                .orElseThrow(() -> new AccessDeniedException("Only a signed-in user can ask for an approval."));
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("approval.reason-required", "reason",
                    "Say why this needs doing; the approver reads it.");
        }
        long id = jdbc.sql("""
                insert into approval_request (action_type, summary, reason, payload, requested_by, requested_at, approver_permission)
                values (:type, :summary, :reason, cast(:payload as jsonb), :by, :at, :permission) returning id
                """)
                .param("type", actionType)
                .param("summary", action.describe(payload))
                .param("reason", reason.trim())
                .param("payload", json.writeValueAsString(payload))
                .param("by", requester)
                .param("at", Timestamp.from(clock.instant()))
                .param("permission", action.approverPermission().authority())
                .query(Long.class).single();
        ApprovalRequest created = find(id);
        audit.recordChange("approval_request", String.valueOf(id), "requested", null, view(created));
        return created;
    }

    @Override
    @Transactional
    public ApprovalRequest approve(long requestId, String note) {
        ApprovalRequest before = lockPending(requestId);
        String approver = checkMayDecide(before);
        ApprovalAction<Object> action = action(before.actionType());
        Object payload = json.readValue(before.payloadJson(), action.payloadType());
        decide(requestId, ApprovalRequest.Status.APPROVED, approver, note);
        ApprovalRequest after = find(requestId);
        action.execute(payload, after);
        audit.recordChange("approval_request", String.valueOf(requestId), "approved", view(before), view(after));
        return after;
    }

    @Override
    @Transactional
    public ApprovalRequest deny(long requestId, String note) {
        ApprovalRequest before = lockPending(requestId);
        String approver = checkMayDecide(before);
        if (note == null || note.isBlank()) {
            throw new BusinessRuleViolation("approval.note-required", "note", "Say why you deny it; the requester reads it.");
        }
        decide(requestId, ApprovalRequest.Status.DENIED, approver, note);
        ApprovalRequest after = find(requestId);
        audit.recordChange("approval_request", String.valueOf(requestId), "denied", view(before), view(after));
        return after;
    }

    @Override
    @Transactional
    public ApprovalRequest withdraw(long requestId) {
        ApprovalRequest before = lockPending(requestId);
        String me = CurrentStaff.username().orElse("");
        if (!before.requestedBy().equals(me)) {
            throw new AccessDeniedException("Only the requester can withdraw a request.");
        }
        decide(requestId, ApprovalRequest.Status.WITHDRAWN, me, "withdrawn by the requester");
        ApprovalRequest after = find(requestId);
        audit.recordChange("approval_request", String.valueOf(requestId), "withdrawn", view(before), view(after));
        return after;
    }

    @Override
    public ApprovalRequest find(long requestId) {
        return jdbc.sql("select * from approval_request where id = :id").param("id", requestId)
                .query(JdbcApprovals::map).optional()
                .orElseThrow(() -> new RecordNotFound("id", "No approval request " + requestId + "."));
    }

    @Override
    public List<ApprovalRequest> inboxForCurrentUser() {
        String me = CurrentStaff.username().orElse("");
        List<String> permissions = java.util.Arrays.stream(Permission.values()).filter(CurrentStaff::has)
                .map(Permission::authority).toList();
        if (permissions.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select * from approval_request
                 where status = 'PENDING' and approver_permission in (:permissions) and requested_by <> :me
                 order by requested_at
                """)
                .param("permissions", permissions).param("me", me)
                .query(JdbcApprovals::map).list();
    }

    @Override
    public List<ApprovalRequest> requestedByCurrentUser(int limit) {
        return jdbc.sql("select * from approval_request where requested_by = :me order by requested_at desc limit :limit")
                .param("me", CurrentStaff.username().orElse("")).param("limit", limit)
                .query(JdbcApprovals::map).list();
    }

    private ApprovalRequest lockPending(long requestId) {
        ApprovalRequest request = jdbc.sql("select * from approval_request where id = :id for update")
                .param("id", requestId).query(JdbcApprovals::map).optional()
                .orElseThrow(() -> new RecordNotFound("id", "No approval request " + requestId + "."));
        if (request.status() != ApprovalRequest.Status.PENDING) {
            throw new Conflict("approval.already-decided", "Request " + requestId + " was already "
                    + request.status().name().toLowerCase() + " by " + request.decidedBy() + ".");
        }
        return request;
    }

    private String checkMayDecide(ApprovalRequest request) {
        String me = CurrentStaff.username()
                .orElseThrow(() -> new AccessDeniedException("Only a signed-in user can decide a request."));
        if (me.equals(request.requestedBy())) {
            throw new BusinessRuleViolation("approval.own-request", "approver",
                    "You asked for this yourself; another person must decide it.");
        }
        boolean permitted = java.util.Arrays.stream(Permission.values())
                .anyMatch(p -> p.authority().equals(request.approverPermission()) && CurrentStaff.has(p));
        if (!permitted) {
            throw new AccessDeniedException("Deciding this request needs the permission " + request.approverPermission() + ".");
        }
        return me;
    }

    private void decide(long id, ApprovalRequest.Status status, String by, String note) {
        jdbc.sql("update approval_request set status = :s, decided_by = :by, decided_at = :at, decision_note = :note where id = :id")
                .param("s", status.name()).param("by", by).param("at", Timestamp.from(clock.instant()))
                .param("note", note == null || note.isBlank() ? null : note.trim()).param("id", id).update();
    }

    @SuppressWarnings("unchecked")
    private <P> ApprovalAction<P> action(String type) {
        ApprovalAction<?> action = actions.get(type);
        if (action == null) {
            throw new BusinessRuleViolation("approval.unknown-action", "actionType", "No action of type " + type + " needs approval here.");
        }
        return (ApprovalAction<P>) action;
    }

    private static Map<String, Object> view(ApprovalRequest r) {
        Map<String, Object> m = new HashMap<>();
        m.put("status", r.status().name());
        m.put("actionType", r.actionType());
        m.put("summary", r.summary());
        m.put("requestedBy", r.requestedBy());
        m.put("decidedBy", r.decidedBy());
        m.put("decisionNote", r.decisionNote());
        return m;
    }

    private static ApprovalRequest map(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new ApprovalRequest(rs.getLong("id"), rs.getString("action_type"), rs.getString("summary"),
                rs.getString("reason"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                rs.getString("approver_permission"), ApprovalRequest.Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"), decided == null ? null : decided.toInstant(),
                rs.getString("decision_note"), rs.getString("payload"));
    }
}
