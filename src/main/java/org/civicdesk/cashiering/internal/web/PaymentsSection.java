package org.civicdesk.cashiering.internal.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.civicdesk.cashiering.internal.payments.PaymentViews;
import org.civicdesk.cashiering.internal.payments.UtilityAccountKind;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The payments section of the account screen (order 105): the account's payments and what took them back (voids,
 * reversals, returns), newest first, with receipt links. Cashiering contributes it (cashiering already depends on
 * customer). Staff who see bills see it; only those who take payments get the link to the payment page.
 */
@Component
class PaymentsSection implements AccountScreenSection {

    static final int PAYMENTS_SHOWN = 25;

    /** What the fragment (templates/cashiering/payments-section.html) shows. */
    public record PaymentsData(String accountNumber, List<Row> rows, boolean canOpenPayments) {
    }

    /**
     * One line: a payment (amount to this account, positive) or its void, reversal or return (negative).
     *
     * @param event Payment, Void, Reversal or Return
     */
    public record Row(LocalDate date, String event, long paymentId, Money amount, String tenders, String detail,
            boolean takenBack) {

        public boolean payment() {
            return event.equals("Payment");
        }
    }

    private final JdbcClient jdbc;
    private final PaymentViews views;

    PaymentsSection(JdbcClient jdbc, PaymentViews views) {
        this.jdbc = jdbc;
        this.views = views;
    }

    @Override
    public int order() {
        return 105;
    }

    @Override
    public String template() {
        return "cashiering/payments-section";
    }

    @Override
    public String selector() {
        return "payments";
    }

    @Override
    public Object data(long accountId) {
        if (!CurrentStaff.has(Permission.BILLING_VIEW) && !CurrentStaff.has(Permission.PAYMENT_TAKE)) {
            return null;
        }
        String number = jdbc.sql("select account_number from account where id = :id").param("id", accountId)
                .query(String.class).optional().orElse(null);
        if (number == null) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (PaymentViews.PaymentView p : views.ofTarget(UtilityAccountKind.TYPE, number, PAYMENTS_SHOWN)) {
            Money toAccount = p.allocations().stream().filter(a -> a.reference().equals(number))
                    .map(PaymentViews.AllocationView::amount).reduce(Money.ZERO, Money::plus);
            String tenders = p.tenders().stream().map(PaymentsSection::tender).collect(Collectors.joining(", "));
            rows.add(new Row(p.businessDate(), "Payment", p.id(), toAccount, tenders,
                    p.source().charAt(0) + p.source().substring(1).toLowerCase(Locale.ROOT).replace('_', ' '),
                    p.reversal() != null));
            if (p.reversal() != null) {
                PaymentViews.ReversalView r = p.reversal();
                String event = switch (r.kind()) {
                    case "VOID" -> "Void";
                    case "RETURN" -> "Return";
                    default -> "Reversal";
                };
                String code = r.returnCode() == null ? "" : r.returnCode() + ": ";
                rows.add(new Row(r.businessDate(), event, p.id(), toAccount.negate(), tenders, code + r.reason(), true));
            }
        }
        // newest first; on one day the taking back after its payment
        rows.sort(Comparator.comparing(Row::date).thenComparingLong(Row::paymentId)
                .thenComparing(r -> r.payment() ? 0 : 1).reversed());
        return new PaymentsData(number, rows, CurrentStaff.has(Permission.PAYMENT_TAKE));
    }

    private static String tender(PaymentViews.TenderView t) {
        String type = t.type().charAt(0) + t.type().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        if (t.checkNumber() != null) {
            return type + " " + t.checkNumber();
        }
        if (t.cardLast4() != null) {
            return (t.cardBrand() == null ? type : t.cardBrand()) + " ending " + t.cardLast4();
        }
        return type;
    }
}
