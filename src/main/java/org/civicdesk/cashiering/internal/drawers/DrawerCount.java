package org.civicdesk.cashiering.internal.drawers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;

/**
 * A closing count (cashiering.md): pieces by denomination, rolled coin, the checks, the card batch total.
 * Over/short = counted - (float + cash and checks taken - change given).
 *
 * @param pieces number of pieces per denomination code (see {@link #DENOMINATIONS})
 * @param rolledCoin the value of rolled coin, counted by the roll
 */
public record DrawerCount(Map<String, Integer> pieces, Money rolledCoin, List<CountedCheck> checks, Money cardBatchTotal) {

    /** Denomination codes and their values, in the order of the count form. */
    public static final Map<String, BigDecimal> DENOMINATIONS = denominations();

    /** A check (or money order, cashier's check) in the drawer. */
    public record CountedCheck(String number, Money amount) {
    }

    public DrawerCount {
        pieces = pieces == null ? Map.of() : Map.copyOf(pieces);
        rolledCoin = rolledCoin == null ? Money.ZERO : rolledCoin;
        checks = checks == null ? List.of() : List.copyOf(checks);
        cardBatchTotal = cardBatchTotal == null ? Money.ZERO : cardBatchTotal;
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : pieces.entrySet()) {
            if (!DENOMINATIONS.containsKey(e.getKey())) {
                problems.add(new FieldProblem("pieces[" + e.getKey() + "]", "Unknown denomination " + e.getKey()));
            } else if (e.getValue() == null || e.getValue() < 0) {
                problems.add(new FieldProblem("pieces[" + e.getKey() + "]", "Count zero or more pieces"));
            }
        }
        if (rolledCoin.isNegative()) {
            problems.add(new FieldProblem("rolledCoin", "Rolled coin cannot be negative"));
        }
        if (cardBatchTotal.isNegative()) {
            problems.add(new FieldProblem("cardBatchTotal", "The card batch total cannot be negative"));
        }
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i) == null || checks.get(i).amount() == null || !checks.get(i).amount().isPositive()) {
                problems.add(new FieldProblem("checks[" + i + "].amount", "A check's amount must be more than zero"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("drawer.invalid-count", problems.get(0).reason(), problems);
        }
    }

    private static Map<String, BigDecimal> denominations() {
        Map<String, BigDecimal> d = new LinkedHashMap<>();
        d.put("BILL_100", new BigDecimal("100"));
        d.put("BILL_50", new BigDecimal("50"));
        d.put("BILL_20", new BigDecimal("20"));
        d.put("BILL_10", new BigDecimal("10"));
        d.put("BILL_5", new BigDecimal("5"));
        d.put("BILL_2", new BigDecimal("2"));
        d.put("BILL_1", new BigDecimal("1"));
        d.put("COIN_100", new BigDecimal("1.00"));
        d.put("COIN_50", new BigDecimal("0.50"));
        d.put("COIN_25", new BigDecimal("0.25"));
        d.put("COIN_10", new BigDecimal("0.10"));
        d.put("COIN_5", new BigDecimal("0.05"));
        d.put("COIN_1", new BigDecimal("0.01"));
        return java.util.Collections.unmodifiableMap(d);
    }

    public Money cash() {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Integer> e : pieces.entrySet()) {
            total = total.add(DENOMINATIONS.get(e.getKey()).multiply(BigDecimal.valueOf(e.getValue())));
        }
        return Money.of(total).plus(rolledCoin);
    }

    public Money checksTotal() {
        return checks.stream().map(CountedCheck::amount).reduce(Money.ZERO, Money::plus);
    }

    public Money counted() {
        return cash().plus(checksTotal());
    }

    /** Counted minus expected: positive is over, negative is short. */
    public static Money overShort(Money counted, Money openingFloat, Money physicalTaken, Money changeGiven) {
        return counted.minus(openingFloat.plus(physicalTaken).minus(changeGiven));
    }

    /** A count that is exactly the given cash (for tests and the demo): greedy by denomination. */
    public static Map<String, Integer> piecesFor(Money cash) {
        long cents = cash.cents();
        Map<String, Integer> pieces = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> d : DENOMINATIONS.entrySet()) {
            long value = d.getValue().movePointRight(2).longValueExact();
            int n = (int) (cents / value);
            if (n > 0) {
                pieces.put(d.getKey(), n);
                cents -= n * value;
            }
        }
        return pieces;
    }
}
