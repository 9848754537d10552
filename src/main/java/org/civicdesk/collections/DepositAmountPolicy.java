package org.civicdesk.collections;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.civicdesk.platform.Money;

/**
 * How much deposit, and how it was computed: residential twice the average monthly bill at the premise over
 * the last months (the class defaults per service without history), commercial two and a half times the
 * highest bill, solid-waste-only one month; always rounded up to the next multiple of the rules' rounding.
 */
public final class DepositAmountPolicy {

    /**
     * What the amount is computed from.
     *
     * @param services     the services to be taken (ELECTRIC, GAS, WATER, WASTEWATER, SOLID_WASTE ...)
     * @param monthlyBills the premise's monthly bill amounts over the rules' averaging months, any order
     */
    public record Facts(String accountClass, Set<String> services, List<Money> monthlyBills) {

        public Facts {
            services = Set.copyOf(services);
            monthlyBills = List.copyOf(monthlyBills);
        }
    }

    private final CollectionsRules rules;

    public DepositAmountPolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    public Decision compute(Facts facts) {
        List<String> reasons = new ArrayList<>();
        List<Money> bills = facts.monthlyBills().stream().filter(Money::isPositive).toList();
        boolean solidWasteOnly = facts.services().equals(Set.of("SOLID_WASTE"));
        BigDecimal computed;
        if (solidWasteOnly) {
            Money month = bills.isEmpty() ? rules.depositDefaultSolidWasteOnly() : average(bills);
            reasons.add("Solid-waste-only customer: one month, " + month.formatted()
                    + (bills.isEmpty() ? " (the default month, no bills at the premise)."
                            : " (the average of " + bills.size() + " monthly bills at the premise)."));
            computed = month.amount();
        } else if ("COMMERCIAL".equals(facts.accountClass()) && !bills.isEmpty()) {
            Money highest = bills.stream().max(Comparator.naturalOrder()).orElseThrow();
            computed = highest.amount().multiply(rules.depositCommercialMultiple());
            reasons.add("Commercial: " + rules.depositCommercialMultiple().stripTrailingZeros().toPlainString()
                    + " x the highest of " + bills.size() + " monthly bills at the premise (" + highest.formatted()
                    + ") = " + Money.round(computed).formatted() + ".");
        } else if (!bills.isEmpty()) {
            Money average = average(bills);
            computed = average.amount().multiply(rules.depositResidentialMultiple());
            reasons.add(rules.depositResidentialMultiple().stripTrailingZeros().toPlainString()
                    + " x the average of " + bills.size() + " monthly bills at the premise (" + average.formatted()
                    + ") = " + Money.round(computed).formatted() + ".");
        } else {
            computed = BigDecimal.ZERO;
            List<String> parts = new ArrayList<>();
            if (facts.services().contains("ELECTRIC")) {
                computed = computed.add(rules.depositDefaultElectric().amount());
                parts.add("electric " + rules.depositDefaultElectric().formatted());
            }
            if (facts.services().contains("GAS")) {
                computed = computed.add(rules.depositDefaultGas().amount());
                parts.add("gas " + rules.depositDefaultGas().formatted());
            }
            if (facts.services().stream().anyMatch(s -> Set.of("WATER", "WASTEWATER", "SOLID_WASTE", "IRRIGATION").contains(s))) {
                computed = computed.add(rules.depositDefaultWaterGroup().amount());
                parts.add("water, wastewater and solid waste " + rules.depositDefaultWaterGroup().formatted());
            }
            reasons.add("No bills at the premise: the defaults per service, " + (parts.isEmpty() ? "none apply"
                    : String.join(" + ", parts)) + " = " + Money.round(computed).formatted() + ".");
        }
        Money rounded = roundUp(Money.round(computed));
        reasons.add("Rounded up to the next " + rules.depositRoundTo().formatted() + ": " + rounded.formatted() + ".");
        if (rounded.isPositive()) {
            reasons.add("Payable in up to " + rules.depositMaxInstallments() + " monthly installments.");
        }
        return Decision.amount(rounded, reasons);
    }

    /** The amount rounded up to a multiple of the rules' rounding (an exact multiple stays). */
    public Money roundUp(Money amount) {
        BigDecimal step = rules.depositRoundTo().amount();
        BigDecimal steps = amount.amount().divide(step, 0, RoundingMode.CEILING);
        return Money.round(steps.multiply(step));
    }

    /**
     * The deposit split into equal monthly installments (cents left over go to the first), at most the
     * rules' number; IllegalArgumentException beyond it.
     */
    public List<Money> installments(Money deposit, int count) {
        if (count < 1 || count > rules.depositMaxInstallments()) {
            throw new IllegalArgumentException("A deposit is paid in 1 to " + rules.depositMaxInstallments() + " installments");
        }
        return split(deposit, count);
    }

    static List<Money> split(Money total, int count) {
        long cents = total.cents();
        long each = cents / count;
        List<Money> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(Money.ofCents(i == 0 ? each + cents % count : each));
        }
        return parts;
    }

    private static Money average(List<Money> bills) {
        BigDecimal sum = bills.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Money.round(sum.divide(BigDecimal.valueOf(bills.size()), 6, RoundingMode.HALF_UP));
    }
}
