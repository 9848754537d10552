package org.civicdesk.cashiering.internal.payments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.platform.Money;

/**
 * The payment application rule, free of Spring: a payment pays an account's open items across its funds,
 * the configured priority kinds first (deposit and arrangement installments), then oldest due date first;
 * what is left over is an overpayment (a credit).
 */
final class PaymentApplication {

    /** One receivable's share of a payment. */
    record Applied(long receivableId, String fund, Money amount) {
    }

    /** The shares, in the order the items were paid, one per receivable, and the rest. */
    record Result(List<Applied> applied, Money overpayment) {
    }

    private PaymentApplication() {
    }

    /**
     * Open items of one receivable from its lines: credits pay the charges that fall due first (the ledger's
     * aging rule), so what remains open is the newest part of the charges.
     */
    static List<OpenItem> openItems(long receivableId, String fund, List<Charge> charges, Money totalCredits) {
        List<Charge> sorted = new ArrayList<>(charges);
        sorted.sort(Comparator.comparing(Charge::dueDate).thenComparing(Charge::sequence));
        Money credit = totalCredits;
        List<OpenItem> open = new ArrayList<>();
        for (Charge c : sorted) {
            if (credit.compareTo(c.amount()) >= 0) {
                credit = credit.minus(c.amount());
                continue;
            }
            open.add(new OpenItem(receivableId, fund, c.dueDate(), c.amount().minus(credit), c.kind()));
            credit = Money.ZERO;
        }
        return open;
    }

    /** A debit to a receivable: its due date (the entry's date when it has none) and the entry's source. */
    record Charge(LocalDate dueDate, long sequence, Money amount, String kind) {
    }

    /**
     * Applies an amount to open items (of one or several receivables).
     *
     * @param priority item kinds paid first, in this order; other kinds follow by due date
     */
    static Result apply(Money amount, List<OpenItem> items, List<String> priority) {
        List<OpenItem> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.<OpenItem>comparingInt(i -> rank(i.kind(), priority))
                .thenComparing(OpenItem::dueDate)
                .thenComparing(OpenItem::fund)
                .thenComparingLong(OpenItem::receivableId));
        Map<Long, Applied> byReceivable = new LinkedHashMap<>();
        Money left = amount;
        for (OpenItem item : ordered) {
            if (!left.isPositive()) {
                break;
            }
            Money pay = left.compareTo(item.open()) < 0 ? left : item.open();
            if (!pay.isPositive()) {
                continue;
            }
            left = left.minus(pay);
            byReceivable.merge(item.receivableId(), new Applied(item.receivableId(), item.fund(), pay),
                    (a, b) -> new Applied(a.receivableId(), a.fund(), a.amount().plus(b.amount())));
        }
        return new Result(List.copyOf(byReceivable.values()), left);
    }

    /** The items left open after a result was applied, so that a second payment in one batch sees them. */
    static List<OpenItem> remaining(List<OpenItem> items, List<String> priority, Money paid) {
        List<OpenItem> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.<OpenItem>comparingInt(i -> rank(i.kind(), priority))
                .thenComparing(OpenItem::dueDate)
                .thenComparing(OpenItem::fund)
                .thenComparingLong(OpenItem::receivableId));
        List<OpenItem> rest = new ArrayList<>();
        Money left = paid;
        for (OpenItem item : ordered) {
            if (left.compareTo(item.open()) >= 0) {
                left = left.minus(item.open());
                continue;
            }
            rest.add(new OpenItem(item.receivableId(), item.fund(), item.dueDate(), item.open().minus(left), item.kind()));
            left = Money.ZERO;
        }
        return rest;
    }

    private static int rank(String kind, List<String> priority) {
        int i = kind == null ? -1 : priority.indexOf(kind);
        return i < 0 ? priority.size() : i;
    }
}
