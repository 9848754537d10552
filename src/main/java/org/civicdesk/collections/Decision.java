package org.civicdesk.collections;

import java.util.List;
import java.util.Objects;
import org.civicdesk.platform.Money;

/**
 * A policy's answer with the reasons behind it, as lines a person reads on the account screen.
 *
 * @param granted yes or no (for an amount: whether there is one to charge or require)
 * @param amount  the amount decided, or null when the policy answers only yes or no
 * @param reasons why, one finding a line, in the order they were checked
 */
public record Decision(boolean granted, Money amount, List<String> reasons) {

    public Decision {
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("A decision always says why");
        }
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
}
