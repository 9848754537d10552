package org.civicdesk.metering.internal;

import org.civicdesk.audit.AuditActor;
import org.civicdesk.identity.CurrentStaff;

/** Who a read or a meter change is recorded as: the signed-in user, else the job's actor. */
final class Actors {

    private Actors() {
    }

    static String current() {
        return AuditActor.override() != null ? AuditActor.override() : CurrentStaff.username().orElse("system");
    }
}
