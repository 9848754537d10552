package org.civicdesk.cashiering.internal.files;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports NACHA return files. The file is checked whole first (a malformed file applies nothing). Each return
 * entry is matched by its original trace number to an autopay debit or to a portal bank payment of the WEB debit
 * file, whose payment Payments.returnPayment takes back (reversal, NSF fee, letter, cash-only rule); for autopay,
 * codes R02, R03, R04, R07 and R10 also end the enrolment. Unmatched and dishonored returns are kept for
 * research. A file, and a return, is applied once.
 */
@Service
public class AchReturns {

    /** NACHA codes after which the customer's bank account cannot be debited again (city-profile.md). */
    static final Set<String> END_AUTOPAY = Set.of("R02", "R03", "R04", "R07", "R10");

    /** One recorded return. */
    public record Return(long id, long fileId, int lineNumber, String returnCode, String originalTraceNumber,
            Money amount, String individualName, String outcome, String detail, Long paymentId,
            boolean enrolmentEnded, Instant recordedAt) {
    }

    /** What an import did. */
    public record ImportReport(long fileId, boolean alreadyImported, int entries, List<Return> returns) {
    }

    private final JdbcClient jdbc;
    private final Payments payments;
    private final Autopay autopay;
    private final OnlineDebitFiles onlineDebits;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final TransactionTemplate transactions;

    AchReturns(JdbcClient jdbc, Payments payments, Autopay autopay, OnlineDebitFiles onlineDebits, AuditTrail audit,
            java.time.Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.autopay = autopay;
        this.onlineDebits = onlineDebits;
        this.audit = audit;
        this.time = new BusinessTime(clock);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public ImportReport importFile(String fileName, byte[] content) {
        NachaFile file = NachaReader.read(RemittanceImports.utf8(content));
        String sha = RemittanceImports.sha256(content);
        List<NachaFile.Entry> entries = file.batches().stream().flatMap(b -> b.entries().stream()).toList();
        return transactions.execute(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('ach-return-file', 0))").query().singleRow();
            Optional<Long> existing = jdbc.sql("select id from ach_return_file where file_sha256 = :s").param("s", sha)
                    .query(Long.class).optional();
            if (existing.isPresent()) {
                return new ImportReport(existing.get(), true, entries.size(), returns(existing.get()));
            }
            long fileId = jdbc.sql("""
                    insert into ach_return_file (file_sha256, file_name, entry_count, imported_at, imported_by)
                    values (:s, :n, :c, :now, :by) returning id""").param("s", sha).param("n", fileName)
                    .param("c", entries.size()).param("now", Timestamp.from(time.now())).param("by", user())
                    .query(Long.class).single();
            for (NachaFile.Entry entry : entries) {
                apply(fileId, entry);
            }
            audit.recordChange("ach_return_file", Long.toString(fileId), "imported", null,
                    Map.of("file", fileName == null ? "" : fileName, "sha256", sha, "entries", entries.size()));
            return new ImportReport(fileId, false, entries.size(), returns(fileId));
        });
    }

    private void apply(long fileId, NachaFile.Entry entry) {
        Money amount = Money.ofCents(entry.amountCents());
        Optional<NachaFile.ReturnAddenda> addenda = entry.returnAddenda();
        if (addenda.isEmpty()) {
            record(fileId, entry, "NONE", entry.traceNumber(), amount, "UNMATCHED",
                    "Not a return entry (no addenda 99): research", null, null, false);
            return;
        }
        NachaFile.ReturnAddenda r = addenda.get();
        boolean recorded = jdbc.sql("""
                select exists (select 1 from ach_return where original_trace_number = :o and return_trace_number = :t
                  and return_code = :c)""").param("o", r.originalTraceNumber()).param("t", r.traceNumber())
                .param("c", r.returnReasonCode()).query(Boolean.class).single();
        if (recorded) {
            // the same return in another file: applied once already
            return;
        }
        if (r.dishonoredOrContested()) {
            record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "DISHONORED",
                    "Dishonored or contested return (" + r.returnReasonCode() + " of "
                            + r.originalReturnReasonCode().orElse("?") + "): nothing reversed; research with the bank",
                    null, null, false);
            return;
        }
        Optional<Map<String, Object>> debit = jdbc.sql("""
                select id, enrolment_id, status, payment_id, amount from autopay_debit where trace_number = :t
                order by id desc limit 1 for update""")
                .param("t", r.originalTraceNumber()).query().listOfRows().stream().findFirst();
        if (debit.isEmpty()) {
            Optional<Map<String, Object>> online = onlineDebits.lockByTrace(r.originalTraceNumber());
            if (online.isPresent()) {
                applyToPortalPayment(fileId, entry, r, amount, ((Number) online.get().get("payment_id")).longValue());
                return;
            }
            record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "UNMATCHED",
                    "No autopay or portal debit with trace " + r.originalTraceNumber() + ": research", null, null,
                    false);
            return;
        }
        long debitId = ((Number) debit.get().get("id")).longValue();
        long enrolmentId = ((Number) debit.get().get("enrolment_id")).longValue();
        String status = (String) debit.get().get("status");
        Long paymentId = debit.get().get("payment_id") == null ? null : ((Number) debit.get().get("payment_id")).longValue();
        String reason = "ACH return " + r.returnReasonCode() + " " + ReturnCodes.describe(r.returnReasonCode());
        boolean endAutopay = END_AUTOPAY.contains(r.returnReasonCode());
        if (endAutopay) {
            autopay.end(enrolmentId, reason);
        }
        if (status.equals("RETURNED")) {
            record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "ALREADY_RETURNED",
                    "The debit was returned before", debitId, paymentId, endAutopay);
            return;
        }
        jdbc.sql("update autopay_debit set status = 'RETURNED' where id = :id").param("id", debitId).update();
        if (paymentId == null) {
            record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "NOT_YET_POSTED",
                    reason + ": the debit had not been posted and will not be", debitId, null, endAutopay);
            return;
        }
        payments.returnPayment(paymentId, r.returnReasonCode(), reason);
        record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "APPLIED", reason, debitId,
                paymentId, endAutopay);
    }

    /**
     * A portal bank payment was posted when the customer paid, so a return always has a payment to take back,
     * exactly as an autopay return (there is no enrolment to end). One already taken back (a staff reversal after
     * the file went out, or this return from another file) is recorded and not taken back twice.
     */
    private void applyToPortalPayment(long fileId, NachaFile.Entry entry, NachaFile.ReturnAddenda r, Money amount,
            long paymentId) {
        String reason = "ACH return " + r.returnReasonCode() + " " + ReturnCodes.describe(r.returnReasonCode())
                + " of a portal bank payment";
        Optional<String> takenBack = jdbc.sql("select kind from cashiering_payment_reversal where payment_id = :p")
                .param("p", paymentId).query(String.class).optional();
        if (takenBack.isPresent()) {
            record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "ALREADY_RETURNED",
                    "The portal payment was taken back before (" + takenBack.get().toLowerCase() + ")", null, paymentId,
                    false);
            return;
        }
        payments.returnPayment(paymentId, r.returnReasonCode(), reason);
        record(fileId, entry, r.returnReasonCode(), r.originalTraceNumber(), amount, "APPLIED", reason, null,
                paymentId, false);
    }

    private void record(long fileId, NachaFile.Entry entry, String code, String originalTrace, Money amount,
            String outcome, String detail, Long debitId, Long paymentId, boolean ended) {
        String returnTrace = entry.returnAddenda().map(NachaFile.ReturnAddenda::traceNumber).orElse(entry.traceNumber());
        long id = jdbc.sql("""
                insert into ach_return (file_id, line_number, return_code, original_trace_number, return_trace_number,
                  amount, individual_name, outcome, detail, debit_id, payment_id, enrolment_ended, recorded_at)
                values (:f, :line, :code, :orig, :trace, :amt, :name, :outcome, :detail, :debit, :payment, :ended, :now)
                returning id""")
                .param("f", fileId).param("line", entry.lineNumber()).param("code", code).param("orig", originalTrace)
                .param("trace", returnTrace).param("amt", amount.amount()).param("name", entry.individualName())
                .param("outcome", outcome).param("detail", detail).param("debit", debitId).param("payment", paymentId)
                .param("ended", ended).param("now", Timestamp.from(time.now())).query(Long.class).single();
        audit.recordChange("ach_return", Long.toString(id), outcome.toLowerCase(), null,
                Map.of("code", code, "originalTrace", originalTrace, "amount", amount.toString(), "detail", detail));
    }

    public List<Return> returns(long fileId) {
        return jdbc.sql(SELECT + " where file_id = :f order by line_number").param("f", fileId).query(AchReturns::row).list();
    }

    /** Returns that need research (no matching debit, or dishonored), newest first. */
    public List<Return> forResearch(int limit) {
        return jdbc.sql(SELECT + " where outcome in ('UNMATCHED','DISHONORED') order by recorded_at desc, id desc limit :n")
                .param("n", limit).query(AchReturns::row).list();
    }

    public List<Return> recent(int limit) {
        return jdbc.sql(SELECT + " order by recorded_at desc, id desc limit :n").param("n", limit)
                .query(AchReturns::row).list();
    }

    private static final String SELECT = """
            select id, file_id, line_number, return_code, original_trace_number, amount, individual_name, outcome,
                   detail, payment_id, enrolment_ended, recorded_at from ach_return""";

    private static Return row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Return(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                Money.of(rs.getBigDecimal(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                (Long) rs.getObject(10), rs.getBoolean(11), rs.getTimestamp(12).toInstant());
    }

    private static String user() {
        return CurrentStaff.username().orElse("system");
    }
}
