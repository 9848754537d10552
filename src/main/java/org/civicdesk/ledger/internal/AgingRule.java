package org.civicdesk.ledger.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.civicdesk.ledger.Aging;
import org.civicdesk.platform.Money;

/**
 * Ages a receivable: credits pay the charges that fell due first (then the older line), whatever they say;
 * what stays unpaid is bucketed by days past due as of a date; credit beyond all charges is unapplied.
 */
final class AgingRule {

    /** A receivable's line: a charge (debit, with the date it falls due) or a credit. */
    record Item(long lineId, LocalDate dueDate, Money debit, Money credit) {
    }

    private AgingRule() {
    }

    static Aging age(long receivableId, LocalDate asOf, List<Item> items) {
        Money credits = Money.ZERO;
        List<Item> charges = new ArrayList<>();
        for (Item item : items) {
            credits = credits.plus(item.credit());
            if (item.debit().isPositive()) {
                charges.add(item);
            }
        }
        charges.sort(Comparator.comparing(Item::dueDate).thenComparingLong(Item::lineId));
        Money[] buckets = {Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO};
        for (Item charge : charges) {
            Money applied = min(credits, charge.debit());
            credits = credits.minus(applied);
            Money open = charge.debit().minus(applied);
            if (open.isPositive()) {
                int b = bucket(ChronoUnit.DAYS.between(charge.dueDate(), asOf));
                buckets[b] = buckets[b].plus(open);
            }
        }
        return new Aging(receivableId, asOf, buckets[0], buckets[1], buckets[2], buckets[3], buckets[4], credits);
    }

    private static int bucket(long daysPastDue) {
        if (daysPastDue <= 0) {
            return 0;
        }
        if (daysPastDue <= 30) {
            return 1;
        }
        if (daysPastDue <= 60) {
            return 2;
        }
        return daysPastDue <= 90 ? 3 : 4;
    }

    private static Money min(Money a, Money b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
