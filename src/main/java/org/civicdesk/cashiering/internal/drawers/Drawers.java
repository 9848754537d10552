package org.civicdesk.cashiering.internal.drawers;

import tools.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.internal.payments.CashieringSettings;
import org.civicdesk.cashiering.internal.payments.PaymentBook;
import org.civicdesk.cashiering.internal.payments.PaymentReversals;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tender controls (drawers) and deposit controls: open with a counted float, close with a count by
 * denomination (over/short posted to 6900; beyond the tolerance a head cashier approves), same-day voids
 * filed for a supervisor's approval, and the deposit that moves cash in drawers to cash in bank.
 */
@Service
public class Drawers {

    public static final String VOID_ACTION = "cashiering.payment-void";
    public static final String OVER_SHORT_ACTION = "cashiering.drawer-over-short";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CashieringSettings settings;
    private final PaymentReversals reversals;
    private final ObjectProvider<Approvals> approvals;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final ObjectMapper json;

    Drawers(JdbcClient jdbc, Ledger ledger, CashieringSettings settings, PaymentReversals reversals,
            ObjectProvider<Approvals> approvals, AuditTrail audit, java.time.Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.settings = settings;
        this.reversals = reversals;
        this.approvals = approvals;
        this.audit = audit;
        this.time = new BusinessTime(clock);
        this.json = json;
    }

    /** A drawer as stored. */
    public record Drawer(long id, String cashier, LocalDate businessDate, Money openingFloat, String status,
            Instant openedAt, Instant closedAt, String closedBy, Money overShort, Long overShortEntryId, Long depositId) {

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    /** What a drawer took, by tender type, with change, voids and what the count should find. */
    public record Totals(long drawerId, Map<String, Money> byTender, Map<String, Money> voidedByTender, Money changeGiven,
            Money voidedChange, Money physicalTaken, Money cards, Money expectedCount, long payments, long voids,
            Map<String, Money> ledgerCashByFund, Map<String, Money> ledgerCardsByFund) {

        public Money ledgerCash() {
            return ledgerCashByFund.values().stream().reduce(Money.ZERO, Money::plus);
        }
    }

    /** A close attempt's result. */
    public record CloseResult(Drawer drawer, Money counted, Money expected, Money overShort, boolean needsApproval,
            Long approvalRequestId) {
    }

    /** A deposit control as stored. */
    public record Deposit(long id, LocalDate businessDate, Money total, Money cash, Money checks, Map<String, Money> byFund,
            Long ledgerEntryId, String bankReference, Instant createdAt, String createdBy, List<Long> drawerIds) {
    }

    // ------------------------------------------------------------------ drawers

    @Transactional
    public Drawer open(Money openingFloat) {
        String cashier = CurrentStaff.username().orElseThrow(() -> new AccessDeniedException("Sign in to open a drawer"));
        Money amount = openingFloat == null ? settings.defaultFloat() : openingFloat;
        if (amount.isNegative()) {
            throw new BusinessRuleViolation("drawer.invalid-float", "openingFloat", "The starting float cannot be negative");
        }
        if (!amount.equals(settings.defaultFloat()) && !CurrentStaff.has(Permission.DRAWER_SUPERVISE)) {
            throw new BusinessRuleViolation("drawer.float-needs-head-cashier", "openingFloat",
                    "The starting float is " + settings.defaultFloat().formatted() + "; only a head cashier sets another");
        }
        long id;
        try {
            id = jdbc.sql("""
                    insert into cashiering_drawer (source, cashier, business_date, opening_float, status, opened_at, opened_by)
                    values ('DRAWER', :c, :d, :f, 'OPEN', :now, :c) returning id""")
                    .param("c", cashier).param("d", time.today()).param("f", amount.amount())
                    .param("now", Timestamp.from(time.now())).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new Conflict("drawer.already-open", "You already have an open drawer; close it before opening another");
        }
        audit.recordChange("drawer", Long.toString(id), "opened", null, Map.of("cashier", cashier,
                "openingFloat", amount.toString(), "businessDate", time.today().toString()));
        return drawer(id);
    }

    public Drawer drawer(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Drawers::map).optional()
                .orElseThrow(() -> new RecordNotFound("drawerId", "There is no drawer " + id));
    }

    public Optional<Drawer> openDrawerOf(String cashier) {
        return jdbc.sql(SELECT + " where cashier = :c and source = 'DRAWER' and status in ('OPEN','CLOSE_PENDING') ")
                .param("c", cashier).query(Drawers::map).optional();
    }

    public List<Drawer> onDate(LocalDate date) {
        return jdbc.sql(SELECT + " where business_date = :d and source = 'DRAWER' order by id").param("d", date)
                .query(Drawers::map).list();
    }

    public List<Drawer> awaitingDeposit() {
        return jdbc.sql(SELECT + " where status = 'CLOSED' and source = 'DRAWER' order by business_date, id")
                .query(Drawers::map).list();
    }

    private static final String SELECT = """
            select id, cashier, business_date, opening_float, status, opened_at, closed_at, closed_by, over_short,
                   over_short_entry_id, deposit_id from cashiering_drawer""";

    private static Drawer map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp closed = rs.getTimestamp(7);
        BigDecimal os = rs.getBigDecimal(9);
        return new Drawer(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), Money.of(rs.getBigDecimal(4)),
                rs.getString(5), rs.getTimestamp(6).toInstant(), closed == null ? null : closed.toInstant(), rs.getString(8),
                os == null ? null : Money.of(os), (Long) rs.getObject(10), (Long) rs.getObject(11));
    }

    /** The drawer's takings from its payments and voids, and its cash in the ledger (the entries it made). */
    public Totals totals(long drawerId) {
        Drawer d = drawer(drawerId);
        Map<String, Money> byTender = new TreeMap<>();
        Map<String, Money> voided = new TreeMap<>();
        jdbc.sql("""
                select t.tender_type, r.payment_id is not null, sum(t.amount)
                from cashiering_payment p join cashiering_payment_tender t on t.payment_id = p.id
                left join cashiering_payment_reversal r on r.payment_id = p.id and r.kind = 'VOID'
                where p.drawer_id = :d group by 1, 2""").param("d", drawerId).query(rs -> {
                    (rs.getBoolean(2) ? voided : byTender).put(rs.getString(1), Money.of(rs.getBigDecimal(3)));
                });
        Map<String, Object> counts = jdbc.sql("""
                select count(*) as payments, count(r.payment_id) as voids,
                       coalesce(sum(p.change_given) filter (where r.payment_id is null), 0) as change,
                       coalesce(sum(p.change_given) filter (where r.payment_id is not null), 0) as voided_change
                from cashiering_payment p left join cashiering_payment_reversal r on r.payment_id = p.id and r.kind = 'VOID'
                where p.drawer_id = :d""").param("d", drawerId).query().singleRow();
        Money change = Money.of((BigDecimal) counts.get("change"));
        Money physical = Money.ZERO;
        Money cards = Money.ZERO;
        for (Map.Entry<String, Money> e : byTender.entrySet()) {
            if (e.getKey().endsWith("_CARD")) {
                cards = cards.plus(e.getValue());
            } else {
                physical = physical.plus(e.getValue());
            }
        }
        Money expected = d.openingFloat().plus(physical).minus(change);
        return new Totals(drawerId, byTender, voided, change, Money.of((BigDecimal) counts.get("voided_change")), physical,
                cards, expected, ((Number) counts.get("payments")).longValue(), ((Number) counts.get("voids")).longValue(),
                ledgerByFund(drawerId, StandardAccount.CASH_IN_DRAWERS.code()),
                ledgerByFund(drawerId, StandardAccount.CARD_CLEARING.code()));
    }

    /**
     * Net debits to an account by fund over the ledger entries this drawer made: its payments, its voids and
     * its over/short (read from the ledger's tables, read only).
     */
    Map<String, Money> ledgerByFund(long drawerId, String account) {
        Map<String, Money> byFund = new TreeMap<>();
        jdbc.sql("""
                with entries as (
                  select ledger_entry_id as id from cashiering_payment where drawer_id = :d
                  union all select reversal_entry_id from cashiering_payment_reversal where drawer_id = :d
                  union all select over_short_entry_id from cashiering_drawer where id = :d and over_short_entry_id is not null)
                select l.fund_code, sum(l.debit - l.credit)
                from ledger_journal_line l join ledger_account a on a.id = l.account_id
                where l.entry_id in (select id from entries) and a.code = :acct
                group by l.fund_code""").param("d", drawerId).param("acct", account).query(rs -> {
                    byFund.put(rs.getString(1), Money.of(rs.getBigDecimal(2)));
                });
        return byFund;
    }

    // ------------------------------------------------------------------ voids

    /** Files a same-day void for a supervisor's approval (the requester cannot approve it). */
    @Transactional
    public ApprovalRequest requestVoid(long paymentId, String reason) {
        PaymentReversals.Stored p = reversals.lock(paymentId);
        reversals.voidRefusal(p).ifPresent(why -> {
            throw new BusinessRuleViolation("payment.void-refused", "paymentId", why);
        });
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("payment.reason-required", "reason", "Say why the payment should be voided");
        }
        return approvals.getObject().request(VOID_ACTION, new VoidPayload(paymentId, p.amount(), reason.trim()), reason.trim());
    }

    /** What a void request carries. */
    public record VoidPayload(long paymentId, Money amount, String reason) {
    }

    // ------------------------------------------------------------------ close

    @Transactional
    public CloseResult close(long drawerId, DrawerCount count, String note) {
        Drawer d = lockDrawer(drawerId);
        String user = CurrentStaff.username().orElse("system");
        if (!d.cashier().equals(user) && !CurrentStaff.has(Permission.DRAWER_SUPERVISE)) {
            throw new AccessDeniedException("Only the drawer's cashier or a head cashier closes it");
        }
        if (!d.status().equals("OPEN") && !d.status().equals("CLOSE_PENDING")) {
            throw new Conflict("drawer.already-closed", "Drawer " + drawerId + " is already closed");
        }
        Totals totals = totals(drawerId);
        Money counted = count.counted();
        Money overShort = DrawerCount.overShort(counted, d.openingFloat(), totals.physicalTaken(), totals.changeGiven());
        boolean needsApproval = overShort.amount().abs().compareTo(settings.overShortTolerance().amount()) > 0;
        long countId = insertCount(d, count, totals.expectedCount(), overShort);
        audit.recordChange("drawer", Long.toString(drawerId), "counted", Map.of("status", d.status()), Map.of(
                "counted", counted.toString(), "expected", totals.expectedCount().toString(), "overShort", overShort.toString(),
                "cardBatchTotal", count.cardBatchTotal().toString(), "cardsTaken", totals.cards().toString()));
        if (needsApproval) {
            String reason = note == null || note.isBlank()
                    ? (overShort.isNegative() ? "Short " : "Over ") + overShort.amount().abs() + " at close"
                    : note.trim();
            ApprovalRequest request = approvals.getObject().request(OVER_SHORT_ACTION,
                    new OverShortPayload(drawerId, countId, d.cashier(), overShort), reason);
            jdbc.sql("update cashiering_drawer set status = 'CLOSE_PENDING' where id = :id").param("id", drawerId).update();
            return new CloseResult(drawer(drawerId), counted, totals.expectedCount(), overShort, true, request.id());
        }
        finishClose(drawerId, countId);
        return new CloseResult(drawer(drawerId), counted, totals.expectedCount(), overShort, false, null);
    }

    /** What an over/short approval carries. */
    public record OverShortPayload(long drawerId, long countId, String cashier, Money overShort) {
    }

    /** Posts the over/short of the count and closes the drawer (directly, or on the head cashier's approval). */
    @Transactional
    public void finishClose(long drawerId, long countId) {
        Drawer d = lockDrawer(drawerId);
        if (!d.status().equals("OPEN") && !d.status().equals("CLOSE_PENDING")) {
            throw new BusinessRuleViolation("drawer.already-closed", "drawerId", "Drawer " + drawerId + " is already closed");
        }
        long latest = jdbc.sql("select max(id) from cashiering_drawer_count where drawer_id = :d").param("d", drawerId)
                .query(Long.class).single();
        if (latest != countId) {
            throw new BusinessRuleViolation("drawer.recounted", "countId", "The drawer was counted again since; decide the latest count");
        }
        Money overShort = Money.of(jdbc.sql("select over_short from cashiering_drawer_count where id = :c").param("c", countId)
                .query(BigDecimal.class).single());
        Long entryId = null;
        if (!overShort.isZero()) {
            String fund = settings.overShortFund();
            Money amount = overShort.isNegative() ? overShort.negate() : overShort;
            List<JournalLineRequest> lines = overShort.isNegative()
                    ? List.of(JournalLineRequest.debit(fund, StandardAccount.CASH_OVER_SHORT.code(), amount),
                            JournalLineRequest.credit(fund, StandardAccount.CASH_IN_DRAWERS.code(), amount))
                    : List.of(JournalLineRequest.debit(fund, StandardAccount.CASH_IN_DRAWERS.code(), amount),
                            JournalLineRequest.credit(fund, StandardAccount.CASH_OVER_SHORT.code(), amount));
            entryId = ledger.post(new JournalEntryRequest("drawer-over-short:" + drawerId, d.businessDate(),
                    PaymentBook.LEDGER_SOURCE, (overShort.isNegative() ? "Cash short " : "Cash over ") + amount.formatted()
                            + ", drawer " + drawerId + " of " + d.cashier(), lines)).id();
        }
        jdbc.sql("""
                update cashiering_drawer set status = 'CLOSED', closed_at = :now, closed_by = :by, over_short = :os,
                  over_short_entry_id = :e where id = :id""")
                .param("now", Timestamp.from(time.now())).param("by", PaymentBook.actor()).param("os", overShort.amount())
                .param("e", entryId).param("id", drawerId).update();
        audit.recordChange("drawer", Long.toString(drawerId), "closed", Map.of("status", d.status()),
                Map.of("status", "CLOSED", "overShort", overShort.toString(), "overShortEntryId", entryId == null ? "" : entryId));
    }

    private Drawer lockDrawer(long drawerId) {
        jdbc.sql("select id from cashiering_drawer where id = :id for update").param("id", drawerId).query(Long.class)
                .optional().orElseThrow(() -> new RecordNotFound("drawerId", "There is no drawer " + drawerId));
        return drawer(drawerId);
    }

    private long insertCount(Drawer d, DrawerCount count, Money expected, Money overShort) {
        {
            return jdbc.sql("""
                    insert into cashiering_drawer_count (drawer_id, denominations, counted_cash, checks, counted_checks,
                      card_batch_total, expected, over_short, counted_at, counted_by)
                    values (:d, cast(:den as jsonb), :cash, cast(:checks as jsonb), :ck, :cards, :exp, :os, :now, :by) returning id""")
                    .param("d", d.id()).param("den", json.writeValueAsString(Map.of("pieces", count.pieces(),
                            "rolledCoin", count.rolledCoin().toString())))
                    .param("cash", count.cash().amount())
                    .param("checks", json.writeValueAsString(count.checks().stream()
                            .map(c -> Map.of("number", c.number() == null ? "" : c.number(), "amount", c.amount().toString())).toList()))
                    .param("ck", count.checksTotal().amount()).param("cards", count.cardBatchTotal().amount())
                    .param("exp", expected.amount()).param("os", overShort.amount())
                    .param("now", Timestamp.from(time.now())).param("by", PaymentBook.actor())
                    .query(Long.class).single();
        }
    }

    /** The latest count of a drawer: cash, checks and card batch total. */
    public record LatestCount(Money cash, Money checks, Money cardBatchTotal, Money expected, Money overShort) {
    }

    public Optional<LatestCount> latestCount(long drawerId) {
        return jdbc.sql("""
                select counted_cash, counted_checks, card_batch_total, expected, over_short from cashiering_drawer_count
                where drawer_id = :d order by id desc limit 1""").param("d", drawerId)
                .query((rs, i) -> new LatestCount(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2)),
                        Money.of(rs.getBigDecimal(3)), Money.of(rs.getBigDecimal(4)), Money.of(rs.getBigDecimal(5))))
                .optional();
    }

    // ------------------------------------------------------------------ deposit

    /**
     * The deposit control: gathers closed drawers, posts cash in drawers to cash in bank per fund (what each
     * drawer's entries put into 1020, over/short included), and keeps the deposit slip.
     */
    @Transactional
    public Deposit deposit(List<Long> drawerIds, String bankReference) {
        if (!CurrentStaff.has(Permission.DRAWER_SUPERVISE)) {
            throw new AccessDeniedException("Only a head cashier makes the deposit");
        }
        if (drawerIds == null || drawerIds.isEmpty()) {
            throw new BusinessRuleViolation("deposit.no-drawers", "drawerIds", "Choose the closed drawers to deposit");
        }
        List<Long> ids = drawerIds.stream().distinct().sorted().toList();
        Map<String, Money> byFund = new TreeMap<>();
        Money cash = Money.ZERO;
        Money checks = Money.ZERO;
        for (Long id : ids) {
            Drawer d = lockDrawer(id);
            if (!d.status().equals("CLOSED")) {
                throw new BusinessRuleViolation("deposit.drawer-not-closed", "drawerIds",
                        "Drawer " + id + " is " + d.status().toLowerCase().replace('_', ' ') + "; only closed drawers are deposited");
            }
            ledgerByFund(id, StandardAccount.CASH_IN_DRAWERS.code()).forEach((f, m) -> byFund.merge(f, m, Money::plus));
            LatestCount c = latestCount(id).orElseThrow();
            cash = cash.plus(c.cash()).minus(d.openingFloat());
            checks = checks.plus(c.checks());
        }
        byFund.values().removeIf(Money::isZero);
        Money total = byFund.values().stream().reduce(Money.ZERO, Money::plus);
        if (!total.equals(cash.plus(checks))) {
            throw new IllegalStateException("Deposit " + total + " does not equal counted cash and checks less floats "
                    + cash.plus(checks) + ": the drawers' ledger cash and counts disagree");
        }
        Long entryId = null;
        if (total.isPositive() || byFund.values().stream().anyMatch(Money::isNegative)) {
            List<JournalLineRequest> lines = new ArrayList<>();
            for (Map.Entry<String, Money> e : byFund.entrySet()) {
                Money m = e.getValue();
                if (m.isPositive()) {
                    lines.add(JournalLineRequest.debit(e.getKey(), StandardAccount.CASH_IN_BANK.code(), m));
                    lines.add(JournalLineRequest.credit(e.getKey(), StandardAccount.CASH_IN_DRAWERS.code(), m));
                } else if (m.isNegative()) {
                    lines.add(JournalLineRequest.debit(e.getKey(), StandardAccount.CASH_IN_DRAWERS.code(), m.negate()));
                    lines.add(JournalLineRequest.credit(e.getKey(), StandardAccount.CASH_IN_BANK.code(), m.negate()));
                }
            }
            if (!lines.isEmpty()) {
                entryId = ledger.post(new JournalEntryRequest("deposit:drawers:" + ids, time.today(), PaymentBook.LEDGER_SOURCE,
                        "Bank deposit of drawers " + ids + (bankReference == null || bankReference.isBlank() ? "" : ", " + bankReference.trim()),
                        lines)).id();
            }
        }
        Map<String, String> fundsJson = new LinkedHashMap<>();
        byFund.forEach((f, m) -> fundsJson.put(f, m.toString()));
        long depositId;
        {
            depositId = jdbc.sql("""
                    insert into cashiering_deposit (business_date, total, cash, checks, by_fund, ledger_entry_id, bank_reference,
                      created_at, created_by)
                    values (:d, :t, :c, :k, cast(:f as jsonb), :e, :b, :now, :by) returning id""")
                    .param("d", time.today()).param("t", total.amount()).param("c", cash.amount()).param("k", checks.amount())
                    .param("f", json.writeValueAsString(fundsJson)).param("e", entryId)
                    .param("b", bankReference == null || bankReference.isBlank() ? null : bankReference.trim())
                    .param("now", Timestamp.from(time.now())).param("by", PaymentBook.actor()).query(Long.class).single();
        }
        jdbc.sql("update cashiering_drawer set status = 'DEPOSITED', deposit_id = :dep where id = any(:ids)")
                .param("dep", depositId).param("ids", ids.toArray(Long[]::new)).update();
        audit.recordChange("deposit", Long.toString(depositId), "created", null, Map.of("drawers", ids,
                "total", total.toString(), "byFund", fundsJson, "ledgerEntryId", entryId == null ? "" : entryId));
        return deposit(depositId);
    }

    public Deposit deposit(long id) {
        List<Long> drawerIds = jdbc.sql("select id from cashiering_drawer where deposit_id = :d order by id").param("d", id)
                .query(Long.class).list();
        return jdbc.sql("""
                select id, business_date, total, cash, checks, by_fund::text, ledger_entry_id, bank_reference, created_at, created_by
                from cashiering_deposit where id = :id""").param("id", id)
                .query((rs, i) -> new Deposit(rs.getLong(1), rs.getObject(2, LocalDate.class), Money.of(rs.getBigDecimal(3)),
                        Money.of(rs.getBigDecimal(4)), Money.of(rs.getBigDecimal(5)), funds(rs.getString(6)),
                        (Long) rs.getObject(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10), drawerIds))
                .optional().orElseThrow(() -> new RecordNotFound("depositId", "There is no deposit " + id));
    }

    public List<Deposit> depositsOn(LocalDate date) {
        return jdbc.sql("select id from cashiering_deposit where business_date = :d order by id").param("d", date)
                .query(Long.class).list().stream().map(this::deposit).toList();
    }

    private Map<String, Money> funds(String text) {
        Map<String, Money> m = new TreeMap<>();
        Map<?, ?> raw = json.readValue(text, Map.class);
        raw.forEach((k, v) -> m.put(k.toString(), Money.of(new BigDecimal(v.toString()))));
        return m;
    }
}
