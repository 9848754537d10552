package org.civicdesk.platform;

import java.util.List;

/**
 * Refusal of a business action, naming each offending field and why. Shown as a form error in the UI and
 * as an RFC 9457 problem (422) in the API. Thrown before anything is written, or inside the action's
 * transaction so that nothing stays half-written.
 */
public class BusinessRuleViolation extends RuntimeException {

    public record FieldProblem(String field, String reason) {
    }

    private final String code;
    private final List<FieldProblem> problems;

    public BusinessRuleViolation(String code, String field, String reason) {
        this(code, reason, List.of(new FieldProblem(field, reason)));
    }

    public BusinessRuleViolation(String code, String message, List<FieldProblem> problems) {
        super(message);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    /** A stable machine-readable code such as {@code ledger.period-closed}. */
    public String code() {
        return code;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
