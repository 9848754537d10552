package org.civicdesk.customer.internal.letters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;

/**
 * Fills the double-brace placeholders of a letter template. Every placeholder must have a value: a letter is
 * never sent with a blank where the amount or the date should be.
 */
public final class PlaceholderRendering {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private PlaceholderRendering() {
    }

    /** The placeholder names used in the texts, in order of first use. */
    public static Set<String> placeholders(String... texts) {
        Set<String> names = new LinkedHashSet<>();
        for (String t : texts) {
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Refuses, naming each placeholder of the template that has no value. */
    public static void requireValues(String templateCode, Map<String, String> values, String... texts) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : placeholders(texts)) {
            String v = values.get(name);
            if (v == null || v.isBlank()) {
                problems.add(new FieldProblem("values." + name,
                        "The template " + templateCode + " needs a value for {{" + name + "}}"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("letter.placeholder-missing",
                    "The letter " + templateCode + " is missing values", problems);
        }
    }

    /** The text with every placeholder replaced by its value. */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("No value for placeholder " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.trim()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
