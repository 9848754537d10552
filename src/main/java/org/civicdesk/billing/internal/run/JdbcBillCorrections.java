package org.civicdesk.billing.internal.run;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.BillCorrections;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancel (the bill's entry reversed, bill_cancellation written) and cancel-and-rebill (one transaction), and
 * billing one account now outside a run (a final bill, field orders later).
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
        record Bill(Long entryId, String account) {
        }
        Bill bill = jdbc.sql("select ledger_entry_id, account_number from bill where id = ? for update")
                .param(billId)
                .query((rs, n) -> new Bill((Long) rs.getObject(1), rs.getString(2)))
                .optional().orElseThrow(() -> new RecordNotFound("billId", "There is no bill " + billId));
        boolean cancelled = jdbc.sql("select exists (select 1 from bill_cancellation where bill_id = ?)").param(billId)
                .query(Boolean.class).single();
        if (cancelled) {
            throw new Conflict("billing.bill-already-cancelled", "Bill " + billId + " was already cancelled");
        }
        Long reversal = bill.entryId() == null ? null : ledger.reverse(bill.entryId(), "Bill " + billId
                + " cancelled: " + reason.trim()).id();
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
