package org.civicdesk.collections;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.civicdesk.platform.Money;

/**
 * A policy's answer with the reasons behind it, as lines a person reads on the account screen. A policy the public
 * sees also gives each line as a message key and its values, so that the portal can say it in the customer's
 * language; staff screens keep reading the English lines.
 *
 * @param granted yes or no (for an amount: whether there is one to charge or require)
 * @param amount  the amount decided, or null when the policy answers only yes or no
 * @param reasons why, one finding a line, in the order they were checked
 * @param keyed   the same findings as keys and values, one for each line; empty when the policy gives none
 */
public record Decision(boolean granted, Money amount, List<String> reasons, List<Reason> keyed) {

    /**
     * One finding as a message key and its values (Money, LocalDate, numbers), for a reader in another language.
     * The key names the finding (collections.arrangement.broken, say); the portal's bundles hold the sentences.
     */
    public record Reason(String key, List<Object> args) {

        public Reason {
            Objects.requireNonNull(key, "key");
            args = List.copyOf(args);
        }

        public static Reason of(String key, Object... args) {
            return new Reason(key, Arrays.asList(args));
        }
    }

    public Decision {
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("A decision always says why");
        }
        keyed = keyed == null ? List.of() : List.copyOf(keyed);
        // a keyed reason stands for one English line: the two lists are read side by side
        if (!keyed.isEmpty() && keyed.size() != reasons.size()) {
            throw new IllegalArgumentException("A decision gives a keyed reason for every line or for none: "
                    + keyed.size() + " keyed, " + reasons.size() + " lines");
        }
    }

    /** A decision whose reasons are English lines only. */
    public Decision(boolean granted, Money amount, List<String> reasons) {
        this(granted, amount, reasons, List.of());
    }

    public static Decision yes(List<String> reasons) {
        return new Decision(true, null, reasons);
    }

    public static Decision no(List<String> reasons) {
        return new Decision(false, null, reasons);
    }

    public static Decision amount(Money amount, List<String> reasons) {
        return new Decision(amount.isPositive(), amount, reasons);
    }

    public static Decision yes(List<String> reasons, List<Reason> keyed) {
        return new Decision(true, null, reasons, keyed);
    }

    public static Decision no(List<String> reasons, List<Reason> keyed) {
        return new Decision(false, null, reasons, keyed);
    }

    /** Whether the findings come with keys (the portal then says them in the customer's language). */
    public boolean hasKeyedReasons() {
        return !keyed.isEmpty();
    }
}
