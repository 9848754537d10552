package org.civicdesk.cashiering.internal.payments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open items of receivables, read from the ledger's tables (read only; the Ledger API has aging buckets
 * but not the items with their due dates and kinds, which oldest-first application across funds needs).
 */
@Component
class OpenItems {

    private final JdbcClient jdbc;

    OpenItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A receivable of a target: its id and fund. */
    record TargetReceivable(long id, String fund) {
    }

    /** Open items and receivables per reference, for one receivable type. */
    record Found(Map<String, List<OpenItem>> items, Map<String, List<TargetReceivable>> receivables) {
    }

    Found of(String receivableType, Collection<String> references) {
        Map<String, List<TargetReceivable>> receivables = new HashMap<>();
        Map<Long, String> referenceOf = new HashMap<>();
        Map<Long, String> fundOf = new HashMap<>();
        String[] refs = references.toArray(String[]::new);
        jdbc.sql("""
                select id, fund_code, reference from ledger_receivable
                where receivable_type = :t and reference = any(:refs) order by id
                """).param("t", receivableType).param("refs", refs).query(rs -> {
                    long id = rs.getLong(1);
                    receivables.computeIfAbsent(rs.getString(3), r -> new ArrayList<>()).add(new TargetReceivable(id, rs.getString(2)));
                    referenceOf.put(id, rs.getString(3));
                    fundOf.put(id, rs.getString(2));
                });
        Map<Long, List<PaymentApplication.Charge>> charges = new LinkedHashMap<>();
        Map<Long, Money> credits = new HashMap<>();
        if (!referenceOf.isEmpty()) {
            // only a receivable with a positive balance has open items: the others' lines are not read (a lockbox
            // chunk's accounts mostly owe nothing, and their history grows with every payment)
            Map<Long, Money> owing = new HashMap<>();
            jdbc.sql("select receivable_id, balance from ledger_receivable_balance where receivable_id = any(:ids) and balance > 0")
                    .param("ids", referenceOf.keySet().toArray(Long[]::new))
                    .query(rs -> {
                        owing.put(rs.getLong(1), Money.of(rs.getBigDecimal(2)));
                    });
            if (!owing.isEmpty()) {
                // the charges (debit lines); the credits paid the rest of them: their total is charges minus balance
                Map<Long, Money> charged = new HashMap<>();
                jdbc.sql("""
                        select l.receivable_id, l.id, l.debit, coalesce(l.due_date, e.business_date), e.source
                        from ledger_journal_line l join ledger_journal_entry e on e.id = l.entry_id
                        where l.receivable_id = any(:ids) and l.debit > 0
                        """).param("ids", owing.keySet().toArray(Long[]::new)).query(rs -> {
                            long rid = rs.getLong(1);
                            Money debit = Money.of(rs.getBigDecimal(3));
                            charges.computeIfAbsent(rid, x -> new ArrayList<>()).add(new PaymentApplication.Charge(
                                    rs.getObject(4, LocalDate.class), rs.getLong(2), debit, rs.getString(5)));
                            charged.merge(rid, debit, Money::plus);
                        });
                owing.forEach((rid, balance) -> credits.put(rid, charged.getOrDefault(rid, Money.ZERO).minus(balance)));
            }
        }
        Map<String, List<OpenItem>> items = new HashMap<>();
        for (Long rid : charges.keySet()) {
            List<OpenItem> open = PaymentApplication.openItems(rid, fundOf.get(rid),
                    charges.getOrDefault(rid, List.of()), credits.getOrDefault(rid, Money.ZERO));
            items.computeIfAbsent(referenceOf.get(rid), r -> new ArrayList<>()).addAll(open);
        }
        return new Found(items, receivables);
    }
}
