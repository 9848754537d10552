package org.civicdesk.fieldservice.internal;

import static org.civicdesk.fieldservice.FieldOrderStatus.CANCELLED;
import static org.civicdesk.fieldservice.FieldOrderStatus.COMPLETED;
import static org.civicdesk.fieldservice.FieldOrderStatus.CREATED;
import static org.civicdesk.fieldservice.FieldOrderStatus.DISPATCHED;
import static org.civicdesk.fieldservice.FieldOrderStatus.EN_ROUTE;
import static org.civicdesk.fieldservice.FieldOrderStatus.FAILED;
import static org.civicdesk.fieldservice.FieldOrderStatus.SCHEDULED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.civicdesk.fieldservice.FieldOrderStatus;
import org.civicdesk.platform.BusinessRuleViolation;

/**
 * The field order's lifecycle as a pure rule: which step may follow which status, and what a step needs
 * (a reason to fail or cancel, a reading to complete an order that needs one). A refusal is a
 * BusinessRuleViolation that names the field and says why, before anything is written.
 */
public final class FieldOrderLifecycle {

    /** What someone does to an order. */
    public enum Step {
        SCHEDULE("schedule", "status"), ASSIGN("assign", "specialist"), START_ROUTE("start the route for", "status"),
        COMPLETE("complete", "status"), FAIL("fail", "status"), CANCEL("cancel", "status");

        private final String verb;
        private final String field;

        Step(String verb, String field) {
            this.verb = verb;
            this.field = field;
        }
    }

    private static final Map<Step, Set<FieldOrderStatus>> ALLOWED_FROM = Map.of(
            Step.SCHEDULE, EnumSet.of(CREATED, SCHEDULED),
            Step.ASSIGN, EnumSet.of(CREATED, SCHEDULED, DISPATCHED),
            Step.START_ROUTE, EnumSet.of(DISPATCHED),
            Step.COMPLETE, EnumSet.of(DISPATCHED, EN_ROUTE),
            Step.FAIL, EnumSet.of(DISPATCHED, EN_ROUTE),
            Step.CANCEL, EnumSet.of(CREATED, SCHEDULED, DISPATCHED, EN_ROUTE));

    private FieldOrderLifecycle() {
    }

    /** The status after the step, or a refusal saying why the step cannot be taken from this status. */
    public static FieldOrderStatus next(long orderId, FieldOrderStatus from, Step step) {
        if (!ALLOWED_FROM.get(step).contains(from)) {
            throw new BusinessRuleViolation("field-order.step-refused", step.field,
                    "order " + orderId + " cannot " + step.verb + " it: " + why(from, step));
        }
        return switch (step) {
            case SCHEDULE -> SCHEDULED;
            case ASSIGN -> DISPATCHED;
            case START_ROUTE -> EN_ROUTE;
            case COMPLETE -> COMPLETED;
            case FAIL -> FAILED;
            case CANCEL -> CANCELLED;
        };
    }

    private static String why(FieldOrderStatus from, Step step) {
        if (from.isFinal()) {
            return "it is already " + from.name().toLowerCase() + ", and a finished order does not change";
        }
        return switch (step) {
            case SCHEDULE -> "it is " + from.name().toLowerCase().replace('_', ' ')
                    + "; only a created or scheduled order is scheduled";
            case ASSIGN -> "the specialist is en route; they complete or fail it first";
            case START_ROUTE -> "it is " + from.name().toLowerCase().replace('_', ' ')
                    + "; only an order dispatched to a specialist goes en route";
            case COMPLETE, FAIL -> "it is " + from.name().toLowerCase().replace('_', ' ')
                    + "; it must be dispatched to a specialist first";
            case CANCEL -> "it is " + from.name().toLowerCase();
        };
    }

    /** A failure or a cancellation says why. */
    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("field-order.reason-required", "reason", "say why (a reason is required)");
        }
        return reason.trim();
    }

    /** An order that needs a read is completed with one. */
    public static void requireReading(boolean needsRead, String reading) {
        if (needsRead && (reading == null || reading.isBlank())) {
            throw new BusinessRuleViolation("field-order.reading-required", "reading",
                    "this order completes with the meter reading");
        }
    }

    /**
     * A field specialist updates only the orders assigned to them; a dispatcher any. Returns the refusal
     * reason, or null when allowed.
     */
    public static String refusalForUpdater(String assignedTo, String user, boolean isDispatcher) {
        if (isDispatcher) {
            return null;
        }
        if (assignedTo == null || !assignedTo.equalsIgnoreCase(user)) {
            return "this order is not assigned to you";
        }
        return null;
    }
}
