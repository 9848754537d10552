package org.civicdesk.customer.internal.casework;

import java.util.Map;
import java.util.Set;
import org.civicdesk.customer.CaseStatus;
import org.civicdesk.platform.BusinessRuleViolation;

/**
 * A case moves OPEN to IN_PROGRESS, OPEN or IN_PROGRESS to RESOLVED with a resolution, RESOLVED to CLOSED,
 * and RESOLVED may be reopened; a closed case stays closed.
 */
public final class CaseLifecycle {

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            CaseStatus.OPEN, Set.of(CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED),
            CaseStatus.IN_PROGRESS, Set.of(CaseStatus.RESOLVED),
            CaseStatus.RESOLVED, Set.of(CaseStatus.CLOSED, CaseStatus.OPEN),
            CaseStatus.CLOSED, Set.of());

    private CaseLifecycle() {
    }

    public static Set<CaseStatus> next(CaseStatus from) {
        return NEXT.get(from);
    }

    /** Refuses a move the lifecycle does not allow, and a resolve without a resolution. */
    public static void check(CaseStatus from, CaseStatus to, String resolution) {
        if (to == null) {
            throw new BusinessRuleViolation("case.status-required", "status", "Choose the new status");
        }
        if (!NEXT.get(from).contains(to)) {
            throw new BusinessRuleViolation("case.invalid-transition", "status",
                    "A " + label(from) + " case cannot be moved to " + label(to));
        }
        if (to == CaseStatus.RESOLVED && (resolution == null || resolution.isBlank())) {
            throw new BusinessRuleViolation("case.resolution-required", "resolution",
                    "Describe the resolution to resolve the case");
        }
    }

    public static String label(CaseStatus s) {
        return s.name().toLowerCase().replace('_', ' ');
    }
}
