package org.civicdesk.collections;

import org.civicdesk.platform.BusinessRuleViolation;

/**
 * A request a policy refused, carrying the policy's whole decision: screens that speak the customer's language
 * (the portal) say its keyed reasons in that language; everyone else reads the English lines as field problems.
 */
public class PolicyRefusal extends BusinessRuleViolation {

    private final transient Decision decision;

    public PolicyRefusal(String code, String field, String message, Decision decision) {
        super(code, message, decision.reasons().stream().map(r -> new FieldProblem(field, r)).toList());
        this.decision = decision;
    }

    public Decision decision() {
        return decision;
    }
}
