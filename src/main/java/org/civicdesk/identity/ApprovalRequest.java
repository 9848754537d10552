package org.civicdesk.identity;

import java.time.Instant;

/** A request for a second person's approval, as stored. */
public record ApprovalRequest(
        long id,
        String actionType,
        String summary,
        String reason,
        String requestedBy,
        Instant requestedAt,
        String approverPermission,
        Status status,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        String payloadJson) {

    public enum Status { PENDING, APPROVED, DENIED, WITHDRAWN }
}
