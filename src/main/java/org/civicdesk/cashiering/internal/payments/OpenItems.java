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

    /** Open items per reference, for one receivable type. */
    record Found(Map<String, List<OpenItem>> items) {
    }

    Found of(String receivableType, Collection<String> references) {
        Map<Long, String> referenceOf = new HashMap<>();
        Map<Long, String> fundOf = new HashMap<>();
        Map<Long, Money> owing = new HashMap<>();
        String[] refs = references.toArray(String[]::new);
        // only a receivable with a positive balance has open items: the others' lines are not read (a lockbox
        // chunk's accounts mostly owe nothing, and their history grows with every payment). Joined from the
        // references so that the receivables are found by reference (ledger_receivable_by_reference): with
        // reference = any(...) the planner chose the unique key (type, fund, reference) and read every receivable
        // of the type for each chunk. Each receivable's balance is read by its key (the lateral subquery, kept
        // apart by offset 0): with statistics saying few balances are positive (a city paid up) the planner
        // scanned every balance row instead, a cost growing with the city, not with the chunk.
        jdbc.sql("""
                select r.id, r.fund_code, r.reference, b.balance
                from unnest(cast(:refs as text[])) as q(reference)
                join ledger_receivable r on r.reference = q.reference and r.receivable_type = :t
                cross join lateral (select b.balance from ledger_receivable_balance b
                                    where b.receivable_id = r.id offset 0) b
                where b.balance > 0
                """).param("t", receivableType).param("refs", refs).query(rs -> {
                    long id = rs.getLong(1);
                    fundOf.put(id, rs.getString(2));
                    referenceOf.put(id, rs.getString(3));
                    owing.put(id, Money.of(rs.getBigDecimal(4)));
                });
        Map<Long, List<PaymentApplication.Charge>> charges = new LinkedHashMap<>();
        Map<Long, Money> credits = new HashMap<>();
        if (!owing.isEmpty()) {
            // the charges (debit lines); the credits paid the rest of them: their total is charges minus balance
            Map<Long, Money> charged = new HashMap<>();
            jdbc.sql("""
                    select l.receivable_id, l.id, l.debit, coalesce(l.due_date, e.business_date), e.source
                    from ledger_journal_line l join ledger_journal_entry e on e.id = l.entry_id
                    where l.receivable_id = any(:ids) and l.debit > 0
                    order by l.receivable_id, l.id
                    """).param("ids", owing.keySet().stream().sorted().toArray(Long[]::new)).query(rs -> {
                        long rid = rs.getLong(1);
                        Money debit = Money.of(rs.getBigDecimal(3));
                        charges.computeIfAbsent(rid, x -> new ArrayList<>()).add(new PaymentApplication.Charge(
                                rs.getObject(4, LocalDate.class), rs.getLong(2), debit, rs.getString(5)));
                        charged.merge(rid, debit, Money::plus);
                    });
            owing.forEach((rid, balance) -> credits.put(rid, charged.getOrDefault(rid, Money.ZERO).minus(balance)));
        }
        Map<String, List<OpenItem>> items = new HashMap<>();
        for (Long rid : charges.keySet()) {
            List<OpenItem> open = PaymentApplication.openItems(rid, fundOf.get(rid),
                    charges.getOrDefault(rid, List.of()), credits.getOrDefault(rid, Money.ZERO));
            items.computeIfAbsent(referenceOf.get(rid), r -> new ArrayList<>()).addAll(open);
        }
        return new Found(items);
    }
}
