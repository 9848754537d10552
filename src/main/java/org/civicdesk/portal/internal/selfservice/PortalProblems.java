package org.civicdesk.portal.internal.selfservice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.civicdesk.collections.Decision;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.springframework.context.MessageSource;

/**
 * Problems with a customer's form and the city's reasons, in the customer's language. The portal's own checks come
 * from the bundle. A refusal from another module is said by its code (and field) through the bundle key
 * selfservice.refused.CODE.FIELD or selfservice.refused.CODE, with values the controller knows; English readers
 * read the module's own English words. A policy's decision with keyed reasons is said through
 * selfservice.reason.KEY. Whatever has no translation stays in English, marked lang=en for screen readers.
 */
final class PortalProblems {

    /** A problem under a form field; lang is en when the reason is English on a page in another language. */
    record Problem(String field, String reason, String lang) {

        Problem(String field, String reason) {
            this(field, reason, null);
        }
    }

    /** One of the city's reasons as the page shows it; lang as for a problem. */
    record Line(String text, String lang) {
    }

    /**
     * The refusal codes the portal's account forms can receive, each with a Spanish sentence in the bundle
     * (PortalRefusalsTranslatedTest fails when one lacks it, or when a module the forms call gains a new code).
     */
    static final Set<String> REFUSAL_CODES = Set.of(
            // stop service (customer ServiceLifecycle)
            "service.stop-refused",
            // start and transfer requests, questions, complaints and disputes (customer Cases)
            "case.invalid",
            // payment arrangement and due-date extension (collections SelfServiceCollections)
            "collections.arrangement-months", "collections.arrangement-refused",
            "collections.extension-bill", "collections.extension-refused",
            // pay now by card or bank, autopay (cashiering OnlinePayments)
            "online.account", "online.amount", "online.submission", "online.routing", "online.bank-account",
            "online.account-type", "online.holder", "payment.card-declined", "payment.cash-only",
            "autopay.account", "autopay.routing", "autopay.bank-account", "autopay.account-type", "autopay.holder",
            "autopay.none");

    static final String REFUSED = "selfservice.refused.";
    static final String REASON = "selfservice.reason.";

    private final MessageSource messages;
    private final Locale locale;
    private final PortalFormat format;

    PortalProblems(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.format = new PortalFormat(locale);
    }

    Problem problem(String field, String key, Object... args) {
        return new Problem(field, messages.getMessage(key, args, locale));
    }

    private boolean english() {
        return "en".equals(locale.getLanguage());
    }

    private String englishMark() {
        return english() ? null : "en";
    }

    /**
     * The refusal's problems on a form with the given fields: a field the form does not have (or none) is put under
     * the default one. The values are the controller's (a date, a limit), the same for every key of the form.
     */
    List<Problem> refused(BusinessRuleViolation e, String defaultField, Set<String> formFields, Object... values) {
        if (e instanceof org.civicdesk.collections.PolicyRefusal refusal && refusal.decision().hasKeyedReasons()) {
            // the form's summary in the customer's language (none in English), then the policy's own reasons,
            // each in the customer's language
            String field = e.problems().isEmpty() || !formFields.contains(e.problems().get(0).field()) ? defaultField
                    : e.problems().get(0).field();
            LinkedHashSet<Problem> problems = new LinkedHashSet<>();
            String summary = english() ? null : translation(e.code(), field, formatted(values));
            if (summary != null) {
                problems.add(new Problem(field, summary));
            }
            for (Line line : reasons(refusal.decision())) {
                problems.add(new Problem(field, line.text(), line.lang()));
            }
            return List.copyOf(problems);
        }
        List<BusinessRuleViolation.FieldProblem> found = e.problems().isEmpty()
                ? List.of(new BusinessRuleViolation.FieldProblem(null, e.getMessage())) : e.problems();
        Object[] args = formatted(values);
        LinkedHashSet<Problem> problems = new LinkedHashSet<>();
        for (BusinessRuleViolation.FieldProblem p : found) {
            String field = p.field() != null && formFields.contains(p.field()) ? p.field() : defaultField;
            String translated = english() ? null : translation(e.code(), p.field(), args);
            // several findings may come to one sentence (two services stopped before they started): said once
            problems.add(translated == null ? new Problem(field, p.reason(), englishMark()) : new Problem(field, translated));
        }
        return List.copyOf(problems);
    }

    private String translation(String code, String field, Object[] args) {
        if (code == null) {
            return null;
        }
        if (field != null && !field.isBlank()) {
            String exact = messages.getMessage(REFUSED + code + "." + field, args, null, locale);
            if (exact != null) {
                return exact;
            }
        }
        return messages.getMessage(REFUSED + code, args, null, locale);
    }

    /** A decision's reasons in the customer's language when the policy gives them keyed, else its English lines. */
    List<Line> reasons(Decision d) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < d.reasons().size(); i++) {
            String text = null;
            if (d.hasKeyedReasons()) {
                Decision.Reason r = d.keyed().get(i);
                text = messages.getMessage(REASON + r.key(), formatted(r.args().toArray()), null, locale);
            }
            lines.add(text == null ? new Line(d.reasons().get(i), englishMark()) : new Line(text, null));
        }
        return lines;
    }

    /** Amounts and dates as the customer's language writes them; numbers stay numbers for the bundle to format. */
    private Object[] formatted(Object[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            out[i] = v instanceof Money m ? format.money(m) : v instanceof LocalDate d ? format.date(d) : v;
        }
        return out;
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
