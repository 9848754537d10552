package org.civicdesk.cashiering.internal.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds of credits held for a customer (a payment on a closed account): filed for a second person's
 * approval (REFUND_APPROVE), posted on approval (unapplied credit to cash in bank, paid by accounts payable),
 * then exported to accounts payable as CSV, each refund once.
 */
@Component
public class RefundDesk implements ApprovalAction<RefundDesk.RefundPayload>, org.civicdesk.cashiering.Refunds {

    public static final String ACTION = "cashiering.refund";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ObjectProvider<Approvals> approvals;
    private final AuditTrail audit;
    private final BusinessTime time;

    RefundDesk(JdbcClient jdbc, Ledger ledger, ObjectProvider<Approvals> approvals, AuditTrail audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.approvals = approvals;
        this.audit = audit;
        this.time = new BusinessTime(clock);
    }

    public record Refund(long id, Long paymentId, String targetType, String reference, String payeeName, String fund,
            Money amount, String reason, String status, Long approvalRequestId, Long ledgerEntryId, String exportBatch,
            Instant createdAt) {
    }

    public record RefundPayload(long refundId, Money amount, String payee, String reference) {
    }

    public List<Refund> all() {
        return jdbc.sql("""
                select id, payment_id, target_type, target_reference, payee_name, fund_code, amount, reason, status,
                       approval_request_id, ledger_entry_id, export_batch, created_at
                from cashiering_refund order by status = 'EXPORTED', id desc limit 200""")
                .query((rs, i) -> new Refund(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Money.of(rs.getBigDecimal(7)), rs.getString(8), rs.getString(9),
                        (Long) rs.getObject(10), (Long) rs.getObject(11), rs.getString(12), rs.getTimestamp(13).toInstant()))
                .list();
    }

    private Refund lock(long id) {
        jdbc.sql("select id from cashiering_refund where id = :id for update").param("id", id).query(Long.class).optional()
                .orElseThrow(() -> new RecordNotFound("refundId", "There is no refund " + id));
        return all().stream().filter(r -> r.id() == id).findFirst().orElseGet(() -> jdbc.sql("""
                select id, payment_id, target_type, target_reference, payee_name, fund_code, amount, reason, status,
                       approval_request_id, ledger_entry_id, export_batch, created_at from cashiering_refund where id = :id""")
                .param("id", id).query((rs, i) -> new Refund(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), Money.of(rs.getBigDecimal(7)), rs.getString(8),
                        rs.getString(9), (Long) rs.getObject(10), (Long) rs.getObject(11), rs.getString(12),
                        rs.getTimestamp(13).toInstant())).single());
    }

    @Override
    @Transactional
    public long request(String receivableType, String reference, String payeeName, String fund, Money amount, String reason) {
        if (amount == null || !amount.isPositive()) {
            throw new BusinessRuleViolation("refund.amount", "amount", "A refund is for a positive amount");
        }
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("refund.reason", "reason", "Say why the money is refunded");
        }
        long id = jdbc.sql("""
                insert into cashiering_refund (payment_id, target_type, target_reference, payee_name, fund_code,
                  amount, reason, status, created_at, created_by)
                values (null, :t, :r, :n, :f, :a, :why, 'REQUESTED', :now, :by) returning id""")
                .param("t", receivableType).param("r", reference).param("n", payeeName == null ? "" : payeeName)
                .param("f", fund).param("a", amount.amount()).param("why", reason.trim())
                .param("now", Timestamp.from(time.now())).param("by", PaymentBook.actor()).query(Long.class).single();
        audit.recordChange("refund", Long.toString(id), "requested", null, Map.of("reference", reference, "fund", fund,
                "amount", amount.toString(), "reason", reason.trim()));
        return id;
    }

    /** Files the refund for approval by another person. */
    @Transactional
    public ApprovalRequest submit(long refundId, String reason) {
        Refund r = lock(refundId);
        if (!r.status().equals("REQUESTED")) {
            throw new BusinessRuleViolation("refund.not-requested", "refundId", "Refund " + refundId + " is " + r.status());
        }
        String why = reason == null || reason.isBlank() ? r.reason() : reason.trim();
        ApprovalRequest request = approvals.getObject().request(ACTION,
                new RefundPayload(r.id(), r.amount(), r.payeeName(), r.reference()), why);
        jdbc.sql("update cashiering_refund set status = 'APPROVAL_PENDING', approval_request_id = :a where id = :id")
                .param("a", request.id()).param("id", refundId).update();
        audit.recordChange("refund", Long.toString(refundId), "submitted", Map.of("status", r.status()),
                Map.of("status", "APPROVAL_PENDING", "approvalRequestId", request.id()));
        return request;
    }

    @Override
    public String actionType() {
        return ACTION;
    }

    @Override
    public Class<RefundPayload> payloadType() {
        return RefundPayload.class;
    }

    @Override
    public Permission approverPermission() {
        return Permission.REFUND_APPROVE;
    }

    @Override
    public String describe(RefundPayload p) {
        return "Refund " + p.amount().formatted() + " to " + p.payee() + " (" + p.reference() + ")";
    }

    /** On approval: the credit leaves the unapplied credits for the bank (accounts payable pays it). */
    @Override
    public void execute(RefundPayload payload, ApprovalRequest request) {
        Refund r = lock(payload.refundId());
        if (!r.status().equals("APPROVAL_PENDING")) {
            throw new BusinessRuleViolation("refund.not-pending", "refundId", "Refund " + r.id() + " is " + r.status());
        }
        long entry = ledger.post(new JournalEntryRequest("refund:" + r.id(), time.today(), PaymentBook.LEDGER_SOURCE,
                "Refund " + r.id() + " to " + r.payeeName() + " (" + r.reference() + ")", List.of(
                        JournalLineRequest.debit(r.fund(), StandardAccount.UNAPPLIED_CREDITS.code(), r.amount())
                                .memo(r.targetType() + " " + r.reference()),
                        JournalLineRequest.credit(r.fund(), StandardAccount.CASH_IN_BANK.code(), r.amount())))).id();
        jdbc.sql("""
                update cashiering_refund set status = 'APPROVED', ledger_entry_id = :e, decided_at = :now, decided_by = :by
                where id = :id""").param("e", entry).param("now", Timestamp.from(time.now()))
                .param("by", PaymentBook.actor()).param("id", r.id()).update();
        audit.recordChange("refund", Long.toString(r.id()), "approved", Map.of("status", r.status()),
                Map.of("status", "APPROVED", "ledgerEntryId", entry));
    }

    /** Approved refunds not yet exported, as an accounts payable CSV; each refund is exported once. */
    @Transactional
    public String exportToAccountsPayable() {
        String batch = "AP-" + time.today() + "-" + time.now().toEpochMilli();
        List<Refund> approved = jdbc.sql("select id from cashiering_refund where status = 'APPROVED' order by id for update")
                .query(Long.class).list().stream().map(this::lock).toList();
        StringBuilder csv = new StringBuilder("batch,refund_id,payee,reference,fund,amount,approved_entry\n");
        for (Refund r : approved) {
            csv.append(batch).append(',').append(r.id()).append(',').append(csvField(r.payeeName())).append(',')
                    .append(csvField(r.reference())).append(',').append(r.fund()).append(',').append(r.amount())
                    .append(',').append(r.ledgerEntryId()).append('\n');
        }
        if (!approved.isEmpty()) {
            jdbc.sql("update cashiering_refund set status = 'EXPORTED', export_batch = :b, exported_at = :now where id = any(:ids)")
                    .param("b", batch).param("now", Timestamp.from(time.now()))
                    .param("ids", approved.stream().map(Refund::id).toArray(Long[]::new)).update();
            audit.recordEvent("refunds-exported", "refund_batch", batch, approved.size() + " refunds");
        }
        return csv.toString();
    }

    private static String csvField(String v) {
        String t = v == null ? "" : v;
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return "\"" + t.replace("\"", "\"\"") + "\"";
    }
}
