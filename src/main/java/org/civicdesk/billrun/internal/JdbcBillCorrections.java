package org.civicdesk.billrun.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.BillCorrections;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancel (the bill's own entry reversed, or for a run's bill, which shares its chunk's entry, its own amounts
 * turned over; bill_cancellation written) and cancel-and-rebill (one transaction), and billing one account now
 * outside a run (a final bill, field orders later).
 */
@Service
public class JdbcBillCorrections implements BillCorrections {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Ledger ledger;
    private final BillMaker maker;
    private final BusinessTime time;
    private final AuditTrail audit;
    private final int dueDays;

    JdbcBillCorrections(JdbcClient jdbc, TransactionTemplate tx, Ledger ledger, BillMaker maker, Clock clock,
            AuditTrail audit, @Value("${civicdesk.billing.due-days:21}") int dueDays) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ledger = ledger;
        this.maker = maker;
        this.time = new BusinessTime(clock);
        this.audit = audit;
        this.dueDays = dueDays;
    }

    @Override
    public void cancel(long billId, String reason) {
        tx.executeWithoutResult(status -> cancelInTransaction(billId, reason));
    }

    @Override
    public long cancelAndRebill(long billId, String reason) {
        return tx.execute(status -> {
            cancelInTransaction(billId, reason);
            ComposedBill replacement = maker.recompose(billId);
            LocalDate today = time.today();
            long newId = maker.issue(List.of(replacement), null, today, today.plusDays(dueDays), List.of(billId)).get(0);
            audit.recordChange("bill", Long.toString(billId), "rebilled", null, Map.of("replacementBillId", newId));
            return newId;
        });
    }

    private void cancelInTransaction(long billId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("billing.reason-required", "reason", "Give the reason for the cancellation");
        }
        record Bill(Long entryId, String account, Long runId) {
        }
        Bill bill = jdbc.sql("select ledger_entry_id, account_number, bill_run_id from bill where id = ? for update")
                .param(billId)
                .query((rs, n) -> new Bill((Long) rs.getObject(1), rs.getString(2), (Long) rs.getObject(3)))
                .optional().orElseThrow(() -> new RecordNotFound("billId", "There is no bill " + billId));
        boolean cancelled = jdbc.sql("select exists (select 1 from bill_cancellation where bill_id = ?)").param(billId)
                .query(Boolean.class).single();
        if (cancelled) {
            throw new Conflict("billing.bill-already-cancelled", "Bill " + billId + " was already cancelled");
        }
        String memo = "Bill " + billId + " cancelled: " + reason.trim();
        Long reversal;
        if (bill.entryId() == null) {
            reversal = null;
        } else if (bill.runId() == null) {
            // a bill issued alone has an entry of its own
            reversal = ledger.reverse(bill.entryId(), memo).id();
        } else {
            // a run's bill shares its chunk's entry with the chunk's other bills: its own amounts are turned over
            reversal = postCancellation(billId, bill.account(), memo);
        }
        jdbc.sql("""
                insert into bill_cancellation (bill_id, reversal_entry_id, reason, cancelled_at, cancelled_by)
                values (?, ?, ?, ?, ?)""")
                .params(billId, reversal, reason.trim(), time.now().atZone(time.zone()).toOffsetDateTime(),
                        BillMaker.actor())
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", "CANCELLED");
        after.put("reason", reason.trim());
        after.put("reversalEntryId", reversal);
        audit.recordChange("bill", Long.toString(billId), "cancelled", Map.of("status", "ISSUED"), after);
    }

    /** Posts what undoes the bill, from its own lines: per fund, its receivable credited and its accounts debited. */
    private Long postCancellation(long billId, String accountNumber, String memo) {
        Map<String, Map<String, Money>> nets = new TreeMap<>();
        jdbc.sql("""
                select s.fund, l.account, sum(l.amount)
                from bill_line l join bill_service s on s.id = l.bill_service_id
                where l.bill_id = ?
                group by s.fund, l.account""")
                .param(billId)
                .query((rs, n) -> nets.computeIfAbsent(rs.getString(1), f -> new TreeMap<>())
                        .put(rs.getString(2), Money.of(rs.getBigDecimal(3))))
                .list();
        Map<String, Long> receivables = new HashMap<>();
        ledger.findReceivablesByFund(BillMaker.RECEIVABLE_TYPE, nets.keySet().stream()
                        .collect(Collectors.toMap(f -> f, f -> Set.of(accountNumber))))
                .forEach((fund, byReference) -> {
                    // a fund missing here is refused by BillPosting with its name
                    if (byReference.containsKey(accountNumber)) {
                        receivables.put(fund, byReference.get(accountNumber).id());
                    }
                });
        JournalEntryRequest entry = BillPosting.cancellation("bill-cancellation:" + billId, time.today(), memo, nets,
                receivables);
        return entry == null ? null : ledger.post(entry).id();
    }

    /**
     * Bills one account now, outside any run, for reads up to the cutoff (e.g. its final bill); returns the
     * new bill's id. Refused with the reason when the account is held or has nothing to bill.
     */
    public long billNow(long accountId, LocalDate cutoff) {
        return tx.execute(status -> {
            LocalDate today = time.today();
            BillMaker.Result r = maker.make(new BillMaker.Target(null, null, accountId, accountId, cutoff, today,
                    today.plusDays(dueDays), true));
            if (!r.heldReasons().isEmpty()) {
                throw new BusinessRuleViolation("billing.account-held", "accountId",
                        "The account cannot be billed: " + String.join("; ", r.heldReasons()));
            }
            if (r.billIds().isEmpty()) {
                throw new BusinessRuleViolation("billing.nothing-to-bill", "accountId",
                        "The account has nothing to bill up to " + cutoff);
            }
            return r.billIds().get(0);
        });
    }
}
