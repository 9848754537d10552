package org.civicdesk.portal.internal.selfservice;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;
import org.springframework.context.MessageSource;

/**
 * Problems with a customer's form, in the customer's language: the portal's own checks come from the bundle; a
 * refusal from another module keeps its reasons (a policy's reasons are the policy's words) under the field.
 */
final class PortalProblems {

    private final MessageSource messages;
    private final Locale locale;

    PortalProblems(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    FieldProblem problem(String field, String key, Object... args) {
        return new FieldProblem(field, messages.getMessage(key, args, locale));
    }

    /** The refusal's problems; those without a field are put under the given one. */
    static List<FieldProblem> of(BusinessRuleViolation e, String defaultField) {
        if (e.problems().isEmpty()) {
            return List.of(new FieldProblem(defaultField, e.getMessage()));
        }
        return e.problems().stream().map(p -> new FieldProblem(p.field() == null || p.field().isBlank() ? defaultField
                : p.field(), p.reason())).toList();
    }

    /** A money amount typed by a customer (1,234.50 or 1234.5), or null when it is not one. */
    static Money amount(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.strip().replace("$", "").replace(",", "");
        if (!s.matches("[0-9]{1,7}(\\.[0-9]{1,2})?")) {
            return null;
        }
        return Money.of(new BigDecimal(s));
    }
}
