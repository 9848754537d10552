package org.civicdesk.cashiering.internal.files;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.payments.CashieringSettings;
import org.civicdesk.cashiering.internal.payments.PaymentBook;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suspense queue: file money that matched no account (or could not post) waits here until staff with
 * SUSPENSE_WORK apply it to an account (which posts the payment) or refund it. Nothing leaves it silently. In the
 * ledger the held money is cash in bank against the suspense account (2250); applying or refunding reverses that.
 */
@Service
public class PaymentSuspense {

    /** One held item. */
    public record Item(long id, String source, String sourceReference, String accountGiven, String payerReference,
            Money amount, LocalDate paymentDate, String checkNumber, String reason, String status, Instant createdAt,
            Instant resolvedAt, String resolvedBy, String resolutionNote, String appliedAccount, Long paymentId) {
    }

    private final JdbcClient jdbc;
    private final Payments payments;
    private final Ledger ledger;
    private final CashieringSettings settings;
    private final AuditTrail audit;
    private final BusinessTime time;

    PaymentSuspense(JdbcClient jdbc, Payments payments, Ledger ledger, CashieringSettings settings, AuditTrail audit,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.ledger = ledger;
        this.settings = settings;
        this.audit = audit;
        this.time = new BusinessTime(clock);
    }

    private static final String COLUMNS = """
            id, source, source_reference, account_given, payer_reference, amount, payment_date, check_number, reason,
            status, created_at, resolved_at, resolved_by, resolution_note, applied_account, payment_id""";

    public List<Item> open(int limit) {
        return jdbc.sql("select " + COLUMNS + " from payment_suspense where status = 'OPEN' order by created_at, id limit :n")
                .param("n", limit).query(PaymentSuspense::item).list();
    }

    public List<Item> recentlyResolved(int limit) {
        return jdbc.sql("select " + COLUMNS + " from payment_suspense where status <> 'OPEN' order by resolved_at desc, id desc limit :n")
                .param("n", limit).query(PaymentSuspense::item).list();
    }

    public Item item(long id) {
        return jdbc.sql("select " + COLUMNS + " from payment_suspense where id = :id").param("id", id)
                .query(PaymentSuspense::item).optional()
                .orElseThrow(() -> new RecordNotFound("suspenseId", "There is no suspense item " + id));
    }

    /** Posts the held money to the account as a payment and closes the item, in one transaction. */
    @Transactional
    public Item apply(long id, String accountNumber, String note) {
        Item before = lockOpen(id);
        AccountNumber number = AccountNumber.parse(accountNumber).orElseThrow(() -> new BusinessRuleViolation(
                "suspense.account", "accountNumber", "Enter a valid 10-digit account number"));
        if (!before.amount().isPositive()) {
            throw new BusinessRuleViolation("suspense.not-positive", "accountNumber",
                    "An amount of " + before.amount().formatted() + " cannot be paid to an account: refund or close it");
        }
        String check = before.checkNumber() != null && before.checkNumber().matches("[A-Za-z0-9-]{1,20}")
                ? before.checkNumber() : null;
        PostedPayment posted = payments.post(new NewPayment("suspense:" + id + ":" + number.value(), TenderSource.LOCKBOX,
                null, time.today(), List.of(new NewPayment.Tender(TenderType.CHECK, before.amount(), check, null, null,
                        null)),
                List.of(new NewPayment.Allocation(new PaymentTarget(RemittanceImports.UTILITY_ACCOUNT, number.value()),
                        before.amount())),
                null, "suspense " + id + " (" + before.sourceReference() + ")"));
        release(id, "Suspense item " + id + " applied to account " + number.value() + " as payment " + posted.paymentId());
        jdbc.sql("""
                update payment_suspense set status = 'APPLIED', resolved_at = :now, resolved_by = :by,
                  resolution_note = :note, applied_account = :acct, payment_id = :p where id = :id""")
                .param("now", Timestamp.from(time.now())).param("by", user()).param("note", blankToNull(note))
                .param("acct", number.value()).param("p", posted.paymentId()).param("id", id).update();
        Item after = item(id);
        audit.recordChange("payment_suspense", Long.toString(id), "applied", summary(before), summary(after));
        return after;
    }

    /** Closes the item as refunded to the payer (the money goes back; a reason is required). */
    @Transactional
    public Item refund(long id, String note) {
        if (note == null || note.isBlank()) {
            throw new BusinessRuleViolation("suspense.reason", "note", "Say to whom and how the money is refunded");
        }
        Item before = lockOpen(id);
        release(id, "Suspense item " + id + " refunded: " + note.strip());
        jdbc.sql("""
                update payment_suspense set status = 'REFUNDED', resolved_at = :now, resolved_by = :by,
                  resolution_note = :note where id = :id""")
                .param("now", Timestamp.from(time.now())).param("by", user()).param("note", note.strip())
                .param("id", id).update();
        Item after = item(id);
        audit.recordChange("payment_suspense", Long.toString(id), "refunded", summary(before), summary(after));
        return after;
    }

    /**
     * Puts held items' money in the ledger, in the import's transaction: the bank credited it with the batch, so
     * it is cash in bank against the suspense account of the suspense fund (a negative line the other way).
     * Items already held are skipped; a zero amount holds nothing.
     */
    void hold(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Item> items = jdbc.sql("select " + COLUMNS + " from payment_suspense where id = any(:ids) and hold_entry_id is null order by id")
                .param("ids", ids.toArray(Long[]::new)).query(PaymentSuspense::item).list()
                .stream().filter(i -> !i.amount().isZero()).toList();
        if (items.isEmpty()) {
            return;
        }
        String fund = settings.suspenseFund();
        List<JournalEntryRequest> entries = new java.util.ArrayList<>();
        for (Item i : items) {
            Money amount = i.amount().isNegative() ? i.amount().negate() : i.amount();
            JournalLineRequest bank = JournalLineRequest.debit(fund, StandardAccount.CASH_IN_BANK.code(), amount);
            JournalLineRequest held = JournalLineRequest.credit(fund, StandardAccount.SUSPENSE.code(), amount)
                    .memo("suspense " + i.id());
            if (i.amount().isNegative()) {
                bank = JournalLineRequest.credit(fund, StandardAccount.CASH_IN_BANK.code(), amount);
                held = JournalLineRequest.debit(fund, StandardAccount.SUSPENSE.code(), amount).memo("suspense " + i.id());
            }
            entries.add(new JournalEntryRequest("suspense:" + i.id() + ":hold", i.paymentDate(), PaymentBook.LEDGER_SOURCE,
                    "Held in suspense: " + i.sourceReference() + " (" + i.reason() + ")", List.of(bank, held)));
        }
        List<PostedEntry> posted = ledger.postAll(entries);
        jdbc.sql("""
                update payment_suspense s set hold_entry_id = u.e
                from unnest(:ids, :entries) as u(id, e) where s.id = u.id""")
                .param("ids", items.stream().map(Item::id).toArray(Long[]::new))
                .param("entries", posted.stream().map(PostedEntry::id).toArray(Long[]::new)).update();
    }

    /** The item leaves suspense: its hold is reversed (applied: the payment now carries the money; refunded: it goes back). */
    private void release(long id, String reason) {
        Long hold = jdbc.sql("select hold_entry_id from payment_suspense where id = :id").param("id", id)
                .query((rs, i) -> (Long) rs.getObject(1)).single();
        if (hold == null) {
            return; // held before suspense money was posted (or a zero amount): nothing in the ledger to move
        }
        PostedEntry reversal = ledger.reverse(hold, reason);
        jdbc.sql("update payment_suspense set release_entry_id = :e where id = :id").param("e", reversal.id())
                .param("id", id).update();
    }

    private Item lockOpen(long id) {
        String status = jdbc.sql("select status from payment_suspense where id = :id for update").param("id", id)
                .query(String.class).optional()
                .orElseThrow(() -> new RecordNotFound("suspenseId", "There is no suspense item " + id));
        if (!status.equals("OPEN")) {
            throw new Conflict("suspense.resolved", "Suspense item " + id + " is already " + status.toLowerCase());
        }
        return item(id);
    }

    private static Map<String, Object> summary(Item item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", item.status());
        m.put("amount", item.amount().toString());
        m.put("appliedAccount", item.appliedAccount() == null ? "" : item.appliedAccount());
        m.put("paymentId", item.paymentId() == null ? "" : item.paymentId());
        m.put("note", item.resolutionNote() == null ? "" : item.resolutionNote());
        return m;
    }

    private static String user() {
        return CurrentStaff.username().orElse("system");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Item item(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new Item(rs.getLong("id"), rs.getString("source"), rs.getString("source_reference"),
                rs.getString("account_given"), rs.getString("payer_reference"), Money.of(rs.getBigDecimal("amount")),
                rs.getObject("payment_date", LocalDate.class), rs.getString("check_number"), rs.getString("reason"),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
                resolved == null ? null : resolved.toInstant(), rs.getString("resolved_by"),
                rs.getString("resolution_note"), rs.getString("applied_account"), (Long) rs.getObject("payment_id"));
    }
}
