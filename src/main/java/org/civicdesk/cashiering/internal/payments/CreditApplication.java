package org.civicdesk.cashiering.internal.payments;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.CreditBalances;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies credit balances to open charges: the payment's overpayment leaves unapplied credits (2200) for the
 * account's receivables (1200). A credit held in one fund that pays another fund's receivable goes through the
 * interfund accounts (2900 due to / 1900 due from), so that every fund's lines balance. Taking a payment back
 * first reverses the applications of its credit, so that the receivables it paid owe again.
 */
@Service
public class CreditApplication implements CreditBalances {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final OpenItems openItems;
    private final CashieringSettings settings;
    private final AuditTrail audit;
    private final BusinessTime time;

    CreditApplication(JdbcClient jdbc, Ledger ledger, OpenItems openItems, CashieringSettings settings, AuditTrail audit,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.openItems = openItems;
        this.settings = settings;
        this.audit = audit;
        this.time = new BusinessTime(clock);
    }

    /** What is left of one payment's credit for one account. */
    record Credit(long paymentId, String reference, String fund, Money left, Money appliedBefore) {
    }

    @Override
    @Transactional
    public Money applyToOpenCharges(Collection<String> accountNumbers, LocalDate businessDate) {
        if (accountNumbers == null || accountNumbers.isEmpty()) {
            return Money.ZERO;
        }
        String[] refs = accountNumbers.stream().distinct().toArray(String[]::new);
        TreeSet<String> withCredit = new TreeSet<>();
        credits(refs).forEach(c -> withCredit.add(c.reference()));
        if (withCredit.isEmpty()) {
            return Money.ZERO;
        }
        // serialise with payments to the same accounts (PaymentBook takes the same locks), then read again
        jdbc.sql("select count(pg_advisory_xact_lock(hashtextextended(k, 42))) from (select unnest(:k) as k order by 1) x")
                .param("k", withCredit.stream().map(r -> UtilityAccountKind.TYPE + ":" + r).toArray(String[]::new))
                .query(Long.class).single();
        List<Credit> credits = credits(withCredit.toArray(String[]::new));
        OpenItems.Found found = openItems.of(UtilityAccountKind.TYPE, withCredit);
        Map<String, List<OpenItem>> open = new HashMap<>();
        found.items().forEach((ref, items) -> open.put(ref, new ArrayList<>(items)));
        List<JournalEntryRequest> entries = new ArrayList<>();
        List<Credit> used = new ArrayList<>();
        List<Money> amounts = new ArrayList<>();
        for (Credit c : credits) {
            List<OpenItem> items = open.getOrDefault(c.reference(), List.of());
            PaymentApplication.Result result = PaymentApplication.apply(c.left(), items, settings.applicationPriority());
            Money applied = c.left().minus(result.overpayment());
            if (!applied.isPositive()) {
                continue;
            }
            open.put(c.reference(), PaymentApplication.remaining(items, settings.applicationPriority(), applied));
            entries.add(entry(c, result.applied(), applied, businessDate));
            used.add(c);
            amounts.add(applied);
        }
        if (entries.isEmpty()) {
            return Money.ZERO;
        }
        List<PostedEntry> posted = ledger.postAll(entries);
        Timestamp now = Timestamp.from(time.now());
        String user = PaymentBook.actor();
        Money total = Money.ZERO;
        for (int i = 0; i < used.size(); i++) {
            Credit c = used.get(i);
            if (posted.get(i).replayed()) {
                continue;
            }
            jdbc.sql("""
                    insert into cashiering_credit_application (payment_id, target_type, target_reference, credit_fund, amount,
                      business_date, ledger_entry_id, created_at, created_by)
                    values (:p, :t, :r, :f, :a, :d, :e, :now, :by)""")
                    .param("p", c.paymentId()).param("t", UtilityAccountKind.TYPE).param("r", c.reference())
                    .param("f", c.fund()).param("a", amounts.get(i).amount()).param("d", businessDate)
                    .param("e", posted.get(i).id()).param("now", now).param("by", user).update();
            audit.recordChange("payment", Long.toString(c.paymentId()), "credit-applied", Map.of("creditLeft", c.left().toString()),
                    Map.of("account", c.reference(), "applied", amounts.get(i).toString(), "ledgerEntryId", posted.get(i).id()));
            total = total.plus(amounts.get(i));
        }
        return total;
    }

    /** One entry: the credit fund's 2200 debited; each receivable credited, across funds through 2900/1900. */
    private JournalEntryRequest entry(Credit c, List<PaymentApplication.Applied> applied, Money total, LocalDate date) {
        String memo = UtilityAccountKind.TYPE + " " + c.reference();
        List<JournalLineRequest> lines = new ArrayList<>();
        lines.add(JournalLineRequest.debit(c.fund(), StandardAccount.UNAPPLIED_CREDITS.code(), total).memo(memo));
        Map<String, Money> dueTo = new LinkedHashMap<>();
        for (PaymentApplication.Applied a : applied) {
            lines.add(JournalLineRequest.credit(a.fund(), StandardAccount.RECEIVABLES.code(), a.amount())
                    .receivable(a.receivableId()));
            if (!a.fund().equals(c.fund())) {
                dueTo.merge(a.fund(), a.amount(), Money::plus);
            }
        }
        dueTo.forEach((fund, m) -> {
            lines.add(JournalLineRequest.credit(c.fund(), StandardAccount.DUE_TO_OTHER_FUNDS.code(), m).memo("due to " + fund));
            lines.add(JournalLineRequest.debit(fund, StandardAccount.DUE_FROM_OTHER_FUNDS.code(), m).memo("due from " + c.fund()));
        });
        return new JournalEntryRequest("credit-application:payment" + c.paymentId() + ":" + c.reference() + ":after"
                + c.appliedBefore(), date, PaymentBook.LEDGER_SOURCE,
                "Credit balance of payment " + c.paymentId() + " applied to account " + c.reference(), lines);
    }

    /** Unapplied credits of payments not taken back, oldest payment first, with what is left of each. */
    private List<Credit> credits(String[] refs) {
        return jdbc.sql("""
                select a.payment_id, a.target_reference, a.fund_code, sum(a.amount),
                       coalesce((select sum(c.amount) from cashiering_credit_application c
                                 where c.payment_id = a.payment_id and c.target_reference = a.target_reference
                                   and c.reversal_entry_id is null), 0) as applied
                from cashiering_payment_allocation a
                where a.target_type = :t and a.target_reference = any(:refs) and a.kind = 'UNAPPLIED_CREDIT'
                  and not exists (select 1 from cashiering_payment_reversal r where r.payment_id = a.payment_id)
                group by a.payment_id, a.target_reference, a.fund_code
                order by a.payment_id""")
                .param("t", UtilityAccountKind.TYPE).param("refs", refs)
                .query((rs, i) -> {
                    Money total = Money.of(rs.getBigDecimal(4));
                    Money applied = Money.of(rs.getBigDecimal(5));
                    return new Credit(rs.getLong(1), rs.getString(2), rs.getString(3), total.minus(applied), applied);
                })
                .list().stream().filter(c -> c.left().isPositive()).toList();
    }

    /**
     * Before a payment is taken back: reverses the entries that applied its credit, so that the receivables those
     * entries paid owe again and the payment's reversal finds its whole credit in unapplied credits.
     */
    void reverseApplicationsOf(long paymentId, String reason) {
        List<long[]> rows = jdbc.sql("""
                select id, ledger_entry_id from cashiering_credit_application
                where payment_id = :p and reversal_entry_id is null order by id for update""")
                .param("p", paymentId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        for (long[] row : rows) {
            PostedEntry reversal = ledger.reverse(row[1], "Payment " + paymentId + " taken back: " + reason);
            jdbc.sql("update cashiering_credit_application set reversal_entry_id = :e where id = :id")
                    .param("e", reversal.id()).param("id", row[0]).update();
            audit.recordChange("payment", Long.toString(paymentId), "credit-application-reversed",
                    Map.of("ledgerEntryId", row[1]), Map.of("reversalEntryId", reversal.id()));
        }
    }
}
