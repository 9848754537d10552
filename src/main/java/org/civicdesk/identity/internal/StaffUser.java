package org.civicdesk.identity.internal;

import java.time.Instant;
import java.util.List;

/** A staff user as stored (never with the password hash in views or audit records). */
record StaffUser(long id, String username, String displayName, String email, boolean enabled,
        boolean mustChangePassword, Instant createdAt, String createdBy, List<String> roles) {

    /** What the audit trail keeps of a user: no password hash. */
    AuditView auditView() {
        return new AuditView(username, displayName, email, enabled, mustChangePassword, roles);
    }

    record AuditView(String username, String displayName, String email, boolean enabled,
            boolean mustChangePassword, List<String> roles) {
    }
}
