package org.civicdesk.ledger.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.Account;
import org.civicdesk.ledger.AccountType;
import org.civicdesk.ledger.AccountingPeriod;
import org.civicdesk.ledger.Aging;
import org.civicdesk.ledger.EntrySummary;
import org.civicdesk.ledger.Fund;
import org.civicdesk.ledger.JournalEntryPosted;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.ReceivableBalance;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.CopyText;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger on PostgreSQL with plain JDBC. Constructible by hand (tests build it from a DataSource, a
 * clock, an audit trail and an event publisher); Spring builds it in {@link LedgerConfiguration}.
 *
 * <p>A posting, in one transaction and a few statements whatever the number of entries: read the chart of
 * accounts, lock the named receivables' balance rows {@code FOR UPDATE} in id order (each carries its
 * receivable's fund, so the same statement gives the funds the lines are checked against), look up the
 * idempotency keys, check the periods, insert the headers ({@code ON CONFLICT DO NOTHING} on the key, so
 * concurrent identical requests post once), then insert every line in one statement. The database checks again
 * that each entry balances per fund and moves the receivable balances.
 */
public class JdbcLedger implements Ledger {

    static final String PERIOD_CLOSED_CODE = "ledger.period-closed";
    static final String KEY_REUSED_CODE = "ledger.idempotency-key-reused";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final BusinessTime time;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    /** The chart of accounts changes only by migration: read once, re-read when a posting names something unknown. */
    private volatile Chart chartCache;

    public JdbcLedger(DataSource dataSource, PlatformTransactionManager transactions, Clock clock, AuditTrail audit,
            ApplicationEventPublisher events) {
        this.jdbc = JdbcClient.create(dataSource);
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.time = new BusinessTime(clock);
        this.audit = audit;
        this.events = events;
    }

    /** For code without Spring's transaction management, e.g. tests. */
    public static JdbcLedger on(DataSource dataSource, Clock clock, AuditTrail audit, ApplicationEventPublisher events) {
        return new JdbcLedger(dataSource, new DataSourceTransactionManager(dataSource), clock, audit, events);
    }

    // ------------------------------------------------------------------ posting

    @Override
    public PostedEntry post(JournalEntryRequest request) {
        return postAll(List.of(request)).get(0);
    }

    @Override
    public List<PostedEntry> postAll(List<JournalEntryRequest> requests) {
        List<Pending> pending = requests.stream().map(r -> new Pending(r, null)).toList();
        return tx.execute(status -> postInTransaction(pending));
    }

    @Override
    public void check(JournalEntryRequest request) {
        Chart chart = chart();
        List<Pending> pending = List.of(new Pending(request, null));
        validateLines(pending, chart, receivableRows(pending, false));
        refuseClosedPeriods(pending);
    }

    @Override
    public PostedEntry reverse(long entryId, String reason) {
        requireReason(reason);
        return tx.execute(status -> {
            PostedEntry original = entry(entryId);
            if (original.reversesEntryId() != null) {
                throw new BusinessRuleViolation("ledger.reversal-not-reversible", "entryId", "Entry " + entryId
                        + " reverses entry " + original.reversesEntryId()
                        + "; a reversal is not reversed again, post a new entry instead");
            }
            if (original.reversedByEntryId() != null) {
                throw alreadyReversed(entryId, original.reversedByEntryId());
            }
            LocalDate today = time.today();
            List<JournalLineRequest> lines = original.lines().stream()
                    .map(l -> new JournalLineRequest(l.account().fund(), l.account().code(), l.side().opposite(),
                            l.amount(), l.receivableId(),
                            l.side() == Side.CREDIT && l.receivableId() != null ? today : null, l.memo()))
                    .toList();
            JournalEntryRequest reversal = new JournalEntryRequest("reversal-of-" + entryId, today, "reversal",
                    "Reversal of entry " + entryId + ": " + reason.trim(), lines);
            return postInTransaction(List.of(new Pending(reversal, entryId))).get(0);
        });
    }

    private static Conflict alreadyReversed(long entryId, Long reversal) {
        return new Conflict("ledger.already-reversed",
                "Entry " + entryId + " was already reversed" + (reversal == null ? "" : " by entry " + reversal));
    }

    /** A request and, for a reversal, the entry it reverses. */
    private record Pending(JournalEntryRequest request, Long reversesEntryId) {
        String hash() {
            return request.contentHash(reversesEntryId);
        }
    }

    private record ExistingKey(long id, String hash) {
    }

    private List<PostedEntry> postInTransaction(List<Pending> all) {
        // one request per key; a key twice in a batch is fine only with the same content
        Map<String, Pending> byKey = new LinkedHashMap<>();
        for (Pending p : all) {
            Pending earlier = byKey.putIfAbsent(p.request().idempotencyKey(), p);
            if (earlier != null && !earlier.hash().equals(p.hash())) {
                throw keyReused(p.request().idempotencyKey());
            }
        }
        Chart chart = cachedChart();
        // the named receivables' balance rows, locked in id order (no deadlock between postings), with their funds
        ReceivableRows receivables = receivableRows(byKey.values(), true);
        try {
            validateLines(byKey.values(), chart, receivables);
        } catch (BusinessRuleViolation e) {
            // the chart may have grown since it was cached: refuse only against a fresh copy
            chart = refreshChart();
            validateLines(byKey.values(), chart, receivables);
        }

        Map<String, PostedEntry> results = new HashMap<>();
        Map<String, ExistingKey> existing = existingKeys(byKey.keySet());
        List<Pending> toPost = new ArrayList<>();
        for (Pending p : byKey.values()) {
            ExistingKey found = existing.get(p.request().idempotencyKey());
            if (found == null) {
                toPost.add(p);
            } else {
                results.put(p.request().idempotencyKey(), replay(p, found));
            }
        }
        if (!toPost.isEmpty()) {
            refuseClosedPeriods(toPost);
            try {
                insertEntries(toPost, chart, results, receivables.balances());
            } catch (DataIntegrityViolationException e) {
                throw translate(e);
            }
        }
        return all.stream().map(p -> results.get(p.request().idempotencyKey())).toList();
    }

    private PostedEntry replay(Pending p, ExistingKey found) {
        if (p.reversesEntryId() != null) {
            throw alreadyReversed(p.reversesEntryId(), found.id());
        }
        if (!found.hash().equals(p.hash())) {
            throw keyReused(p.request().idempotencyKey());
        }
        return entry(found.id()).asReplay();
    }

    private static BusinessRuleViolation keyReused(String key) {
        return new BusinessRuleViolation(KEY_REUSED_CODE, "idempotencyKey", "The idempotency key " + key
                + " was already used for a different journal entry; use a new key for a new entry");
    }

    private RuntimeException translate(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        int closed = message.indexOf("Period ");
        if (message.contains("is closed; post into an open period") && closed >= 0) {
            String text = message.substring(closed, message.indexOf("period", closed + 7) + 6);
            return new BusinessRuleViolation(PERIOD_CLOSED_CODE, "businessDate", text);
        }
        if (message.contains("ledger_journal_entry_reverses_entry_id_key")) {
            return new Conflict("ledger.already-reversed", "The entry was already reversed");
        }
        return e;
    }

    /** The fund and current balance of each receivable the lines name (its balance row carries its fund). */
    private record ReceivableRows(Map<Long, String> funds, Map<Long, Money> balances) {
    }

    private ReceivableRows receivableRows(Collection<Pending> pending, boolean lock) {
        Set<Long> receivableIds = new TreeSet<>();
        pending.forEach(p -> p.request().lines().forEach(l -> {
            if (l.receivableId() != null) {
                receivableIds.add(l.receivableId());
            }
        }));
        Map<Long, String> funds = new HashMap<>();
        Map<Long, Money> balances = new HashMap<>();
        if (!receivableIds.isEmpty()) {
            jdbc.sql("""
                    select receivable_id, fund_code, balance from ledger_receivable_balance
                    where receivable_id = any(?::bigint[]) order by receivable_id""" + (lock ? " for update" : ""))
                    .param(texts(receivableIds))
                    .query((rs, n) -> {
                        funds.put(rs.getLong(1), rs.getString(2));
                        return balances.put(rs.getLong(1), Money.of(rs.getBigDecimal(3)));
                    })
                    .list();
        }
        return new ReceivableRows(funds, balances);
    }

    private void validateLines(Collection<Pending> pending, Chart chart, ReceivableRows receivables) {
        Map<Long, String> receivableFunds = receivables.funds();
        List<FieldProblem> problems = new ArrayList<>();
        for (Pending p : pending) {
            List<JournalLineRequest> lines = p.request().lines();
            for (int i = 0; i < lines.size(); i++) {
                JournalLineRequest l = lines.get(i);
                String at = "lines[" + i + "].";
                if (!chart.funds().containsKey(l.fund())) {
                    problems.add(new FieldProblem(at + "fund", "There is no fund " + l.fund()));
                    continue;
                }
                Account account = chart.account(l.fund(), l.account());
                if (account == null) {
                    problems.add(new FieldProblem(at + "account",
                            "Fund " + l.fund() + " has no account " + l.account()));
                    continue;
                }
                if (account.receivablesControl() && l.receivableId() == null) {
                    problems.add(new FieldProblem(at + "receivableId", "A line to " + l.fund() + " "
                            + account.code() + " " + account.name() + " must name the receivable it posts to"));
                } else if (!account.receivablesControl() && l.receivableId() != null) {
                    problems.add(new FieldProblem(at + "receivableId", "Only the receivables control account of "
                            + l.fund() + " takes a receivable; " + account.code() + " does not"));
                } else if (l.receivableId() != null) {
                    String fund = receivableFunds.get(l.receivableId());
                    if (fund == null) {
                        problems.add(new FieldProblem(at + "receivableId", "There is no receivable " + l.receivableId()));
                    } else if (!fund.equals(l.fund())) {
                        problems.add(new FieldProblem(at + "receivableId", "Receivable " + l.receivableId()
                                + " belongs to fund " + fund + ", not " + l.fund()));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("ledger.invalid-lines",
                    "The journal entry cannot be posted: " + problems.get(0).reason(), problems);
        }
    }

    private Map<String, ExistingKey> existingKeys(Collection<String> keys) {
        Map<String, ExistingKey> found = new HashMap<>();
        jdbc.sql("select id, idempotency_key, content_hash from ledger_journal_entry where idempotency_key = any(?::text[])")
                .param(keys.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString(2), new ExistingKey(rs.getLong(1), rs.getString(3))))
                .list();
        return found;
    }

    private void refuseClosedPeriods(Collection<Pending> pending) {
        Set<String> months = new TreeSet<>();
        pending.forEach(p -> months.add(p.request().businessDate().withDayOfMonth(1).toString()));
        List<String> closed = jdbc.sql("""
                select to_char(period_month, 'YYYY-MM') from ledger_period
                where status = 'CLOSED' and period_month = any(?::date[]) order by 1""")
                .param(months.toArray(String[]::new))
                .query(String.class).list();
        if (!closed.isEmpty()) {
            throw periodClosed(closed.get(0));
        }
    }

    static BusinessRuleViolation periodClosed(String month) {
        return new BusinessRuleViolation(PERIOD_CLOSED_CODE, "businessDate",
                "Period " + month + " is closed; post into an open period");
    }

    private void insertEntries(List<Pending> toPost, Chart chart, Map<String, PostedEntry> results,
            Map<Long, Money> lockedBalances) {
        OffsetDateTime now = time.now().atZone(time.zone()).toOffsetDateTime();
        String actor = actor();
        int n = toPost.size();
        String[] keys = new String[n];
        String[] hashes = new String[n];
        String[] dates = new String[n];
        String[] sources = new String[n];
        String[] memos = new String[n];
        String[] reverses = new String[n];
        for (int i = 0; i < n; i++) {
            JournalEntryRequest r = toPost.get(i).request();
            keys[i] = r.idempotencyKey();
            hashes[i] = toPost.get(i).hash();
            dates[i] = r.businessDate().toString();
            sources[i] = r.source();
            memos[i] = r.memo();
            reverses[i] = toPost.get(i).reversesEntryId() == null ? null : toPost.get(i).reversesEntryId().toString();
        }
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("""
                insert into ledger_journal_entry
                  (idempotency_key, content_hash, business_date, source, memo, reverses_entry_id, posted_at, posted_by)
                select k, h, d::date, s, m, r::bigint, ?, ?
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as t (k, h, d, s, m, r)
                on conflict (idempotency_key) do nothing
                returning id, idempotency_key""")
                .params(now, actor, keys, hashes, dates, sources, memos, reverses)
                .query((rs, i) -> ids.put(rs.getString(2), rs.getLong(1)))
                .list();

        List<Pending> inserted = new ArrayList<>();
        List<Pending> raced = new ArrayList<>();
        for (Pending p : toPost) {
            (ids.containsKey(p.request().idempotencyKey()) ? inserted : raced).add(p);
        }
        if (!raced.isEmpty()) {
            // a concurrent transaction committed the same key first: replay or refuse, as if it came earlier
            Map<String, ExistingKey> existing = existingKeys(raced.stream().map(p -> p.request().idempotencyKey()).toList());
            for (Pending p : raced) {
                results.put(p.request().idempotencyKey(), replay(p, existing.get(p.request().idempotencyKey())));
            }
        }
        if (inserted.isEmpty()) {
            return;
        }

        // each line's before and after balance, from the balances locked before the entries were inserted
        Map<Long, Money> balances = new HashMap<>(lockedBalances);

        // the lines by COPY (a third faster than insert from arrays); one statement, so the statement trigger
        // checks and balances them all at once
        CopyText copy = new CopyText();
        for (Pending p : inserted) {
            JournalEntryRequest r = p.request();
            long entryId = ids.get(r.idempotencyKey());
            List<PostedEntry.Line> postedLines = new ArrayList<>();
            for (int i = 0; i < r.lines().size(); i++) {
                JournalLineRequest l = r.lines().get(i);
                Account account = chart.account(l.fund(), l.account());
                Money before = null;
                Money after = null;
                if (l.receivableId() != null) {
                    before = balances.get(l.receivableId());
                    after = before.plus(l.debit()).minus(l.credit());
                    balances.put(l.receivableId(), after);
                }
                copy.add(entryId).add(i + 1).add(l.fund()).add(account.id()).add(account.receivablesControl())
                        .add(l.debit()).add(l.credit()).add(l.receivableId()).add(l.dueDate()).add(before).add(after)
                        .add(l.memo()).end();
                postedLines.add(new PostedEntry.Line(i + 1, account, l.side(), l.amount(), l.receivableId(),
                        l.dueDate(), l.memo(), before, after));
            }
            results.put(r.idempotencyKey(), new PostedEntry(entryId, r.idempotencyKey(), r.businessDate(), r.source(),
                    r.memo(), p.reversesEntryId(), null, now.toInstant(), actor, postedLines, false));
        }
        copy.copyInto(dataSource, """
                ledger_journal_line (entry_id, line_no, fund_code, account_id, is_receivables_control, debit, credit,
                  receivable_id, due_date, receivable_balance_before, receivable_balance_after, memo)""");

        if (inserted.size() == 1) {
            PostedEntry posted = results.get(inserted.get(0).request().idempotencyKey());
            audit.recordChange("journal_entry", Long.toString(posted.id()), "posted", null, auditSummary(posted));
        } else {
            // one audit record for a batch (a bill run's chunk) listing every entry: one insert, not one per entry
            List<Map<String, Object>> summaries = new ArrayList<>(inserted.size());
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Pending p : inserted) {
                PostedEntry posted = results.get(p.request().idempotencyKey());
                first = Math.min(first, posted.id());
                last = Math.max(last, posted.id());
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", posted.id());
                e.put("idempotencyKey", posted.idempotencyKey());
                e.put("businessDate", posted.businessDate().toString());
                e.put("total", posted.totalDebits().amount());
                summaries.add(e);
            }
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("entries", summaries.size());
            batch.put("source", inserted.get(0).request().source());
            batch.put("posted", summaries);
            audit.recordChange("journal_entry_batch", first + "-" + last, "posted", null, batch);
        }
        for (Pending p : inserted) {
            PostedEntry posted = results.get(p.request().idempotencyKey());
            Set<Long> receivables = new TreeSet<>();
            posted.lines().forEach(l -> {
                if (l.receivableId() != null) {
                    receivables.add(l.receivableId());
                }
            });
            events.publishEvent(new JournalEntryPosted(posted.id(), posted.idempotencyKey(), posted.businessDate(),
                    posted.source(), posted.reversesEntryId(), p.request().funds(), receivables));
        }
    }

    private static Map<String, Object> auditSummary(PostedEntry e) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("idempotencyKey", e.idempotencyKey());
        s.put("businessDate", e.businessDate().toString());
        s.put("source", e.source());
        s.put("memo", e.memo());
        s.put("total", e.totalDebits().amount());
        s.put("lines", e.lines().size());
        if (e.reversesEntryId() != null) {
            s.put("reversesEntryId", e.reversesEntryId());
        }
        return s;
    }

    private static String[] texts(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).toArray(String[]::new);
    }

    static String actor() {
        String override = AuditActor.override();
        if (override != null) {
            return override;
        }
        return CurrentStaff.username().orElse("system");
    }

    // ------------------------------------------------------------------ reading entries

    @Override
    public PostedEntry entry(long entryId) {
        Chart chart = cachedChart();
        record Header(long id, String key, LocalDate date, String source, String memo, Long reverses, Long reversedBy,
                OffsetDateTime postedAt, String postedBy) {
        }
        Header h = jdbc.sql("""
                select e.id, e.idempotency_key, e.business_date, e.source, e.memo, e.reverses_entry_id,
                  (select r.id from ledger_journal_entry r where r.reverses_entry_id = e.id) as reversed_by,
                  e.posted_at, e.posted_by
                from ledger_journal_entry e where e.id = ?""")
                .param(entryId)
                .query((rs, n) -> new Header(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7),
                        rs.getObject(8, OffsetDateTime.class), rs.getString(9)))
                .optional()
                .orElseThrow(() -> new RecordNotFound("entryId", "There is no journal entry " + entryId));
        List<PostedEntry.Line> lines = jdbc.sql("""
                select line_no, account_id, debit, credit, receivable_id, due_date, memo,
                  receivable_balance_before, receivable_balance_after
                from ledger_journal_line where entry_id = ? order by line_no""")
                .param(entryId)
                .query((rs, n) -> {
                    BigDecimal debit = rs.getBigDecimal(3);
                    boolean isDebit = debit.signum() > 0;
                    return new PostedEntry.Line(rs.getInt(1), chart.byId().get(rs.getLong(2)),
                            isDebit ? Side.DEBIT : Side.CREDIT, Money.of(isDebit ? debit : rs.getBigDecimal(4)),
                            (Long) rs.getObject(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                            money(rs.getBigDecimal(8)), money(rs.getBigDecimal(9)));
                })
                .list();
        return new PostedEntry(h.id(), h.key(), h.date(), h.source(), h.memo(), h.reverses(), h.reversedBy(),
                h.postedAt().toInstant(), h.postedBy(), lines, false);
    }

    private static Money money(BigDecimal value) {
        return value == null ? null : Money.of(value);
    }

    @Override
    public List<EntrySummary> entries(String fund, LocalDate from, LocalDate to, int limit) {
        String f = fund == null || fund.isBlank() ? null : fund.trim();
        return jdbc.sql("""
                select e.id, e.business_date, e.source, e.memo, e.reverses_entry_id,
                  (select r.id from ledger_journal_entry r where r.reverses_entry_id = e.id) as reversed_by,
                  e.posted_by,
                  (select sum(l.debit) from ledger_journal_line l where l.entry_id = e.id) as total,
                  (select string_agg(distinct l.fund_code, ', ') from ledger_journal_line l where l.entry_id = e.id) as funds
                from ledger_journal_entry e
                where (?::text is null or exists (select 1 from ledger_journal_line l
                                                  where l.entry_id = e.id and l.fund_code = ?::text))
                  and (?::date is null or e.business_date >= ?::date)
                  and (?::date is null or e.business_date <= ?::date)
                order by e.id desc
                limit ?""")
                .params(f, f, from, from, to, to, Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new EntrySummary(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4), Money.of(rs.getBigDecimal(8)), rs.getString(9), (Long) rs.getObject(5),
                        (Long) rs.getObject(6), rs.getString(7)))
                .list();
    }

    // ------------------------------------------------------------------ chart of accounts and reports

    /** The chart of accounts as read at the start of a call. */
    private record Chart(Map<String, Fund> funds, Map<String, Account> byKey, Map<Long, Account> byId) {
        Account account(String fund, String code) {
            return byKey.get(fund + "/" + code);
        }
    }

    private Chart cachedChart() {
        Chart c = chartCache;
        return c != null ? c : refreshChart();
    }

    private Chart refreshChart() {
        Chart c = chart();
        chartCache = c;
        return c;
    }

    private Chart chart() {
        Map<String, Fund> funds = new LinkedHashMap<>();
        jdbc.sql("select code, name from ledger_fund order by code")
                .query((rs, n) -> funds.put(rs.getString(1), new Fund(rs.getString(1), rs.getString(2))))
                .list();
        Map<String, Account> byKey = new LinkedHashMap<>();
        Map<Long, Account> byId = new HashMap<>();
        jdbc.sql("""
                select id, fund_code, code, name, account_type, normal_balance, is_receivables_control
                from ledger_account order by fund_code, code""")
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        AccountType.valueOf(rs.getString(5)), Side.valueOf(rs.getString(6)), rs.getBoolean(7)))
                .list()
                .forEach(a -> {
                    byKey.put(a.fund() + "/" + a.code(), a);
                    byId.put(a.id(), a);
                });
        return new Chart(funds, byKey, byId);
    }

    @Override
    public List<Fund> funds() {
        return List.copyOf(chart().funds().values());
    }

    @Override
    public List<Account> accounts(String fund) {
        Chart chart = chart();
        return chart.byKey().values().stream().filter(a -> fund == null || a.fund().equals(fund)).toList();
    }

    private Fund requireFund(Chart chart, String fund) {
        Fund f = fund == null ? null : chart.funds().get(fund.trim());
        if (f == null) {
            throw new RecordNotFound("fund", "There is no fund " + fund);
        }
        return f;
    }

    @Override
    public TrialBalance trialBalance(String fund, LocalDate asOf) {
        Chart chart = chart();
        Fund f = requireFund(chart, fund);
        LocalDate date = asOf == null ? time.today() : asOf;
        List<TrialBalance.Row> rows = jdbc.sql("""
                select a.id, coalesce(sum(x.debit), 0), coalesce(sum(x.credit), 0)
                from ledger_account a
                left join (select l.account_id, l.debit, l.credit
                           from ledger_journal_line l join ledger_journal_entry e on e.id = l.entry_id
                           where l.fund_code = ? and e.business_date <= ?) x on x.account_id = a.id
                where a.fund_code = ?
                group by a.id, a.code
                order by a.code""")
                .params(f.code(), date, f.code())
                .query((rs, n) -> {
                    Account a = chart.byId().get(rs.getLong(1));
                    Money d = Money.of(rs.getBigDecimal(2));
                    Money c = Money.of(rs.getBigDecimal(3));
                    return new TrialBalance.Row(a, d, c, a.normalBalance() == Side.DEBIT ? d.minus(c) : c.minus(d));
                })
                .list();
        Money debits = rows.stream().map(TrialBalance.Row::debits).reduce(Money.ZERO, Money::plus);
        Money credits = rows.stream().map(TrialBalance.Row::credits).reduce(Money.ZERO, Money::plus);
        return new TrialBalance(f, date, rows, debits, credits);
    }

    // ------------------------------------------------------------------ periods

    @Override
    public List<AccountingPeriod> periods() {
        Map<YearMonth, AccountingPeriod> periods = new TreeMap<>(java.util.Comparator.reverseOrder());
        YearMonth now = YearMonth.from(time.today());
        for (int i = 0; i < 13; i++) {
            periods.put(now.minusMonths(i), new AccountingPeriod(now.minusMonths(i), false, null, null, null));
        }
        jdbc.sql("select period_month, status, changed_at, changed_by, reason from ledger_period")
                .query((rs, n) -> toPeriod(rs))
                .list()
                .forEach(p -> periods.put(p.month(), p));
        return List.copyOf(periods.values());
    }

    private static AccountingPeriod toPeriod(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AccountingPeriod(YearMonth.from(rs.getObject(1, LocalDate.class)), "CLOSED".equals(rs.getString(2)),
                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5));
    }

    @Override
    public AccountingPeriod period(YearMonth month) {
        return jdbc.sql("select period_month, status, changed_at, changed_by, reason from ledger_period where period_month = ?")
                .param(month.atDay(1))
                .query((rs, n) -> toPeriod(rs))
                .optional()
                .orElse(new AccountingPeriod(month, false, null, null, null));
    }

    @Override
    public AccountingPeriod closePeriod(YearMonth month, String reason) {
        return changePeriod(month, reason, true);
    }

    @Override
    public AccountingPeriod reopenPeriod(YearMonth month, String reason) {
        return changePeriod(month, reason, false);
    }

    private AccountingPeriod changePeriod(YearMonth month, String reason, boolean close) {
        requireReason(reason);
        return tx.execute(status -> {
            // a close waits for postings in flight and holds new ones back until it commits
            jdbc.sql("lock table ledger_journal_entry in share mode").update();
            jdbc.sql("select 1 from ledger_period where period_month = ? for update").param(month.atDay(1))
                    .query(Integer.class).optional();
            AccountingPeriod before = period(month);
            if (before.closed() == close) {
                throw new Conflict(close ? "ledger.period-already-closed" : "ledger.period-already-open",
                        "Period " + month.format(MONTH) + " is already " + (close ? "closed" : "open"));
            }
            OffsetDateTime now = time.now().atZone(time.zone()).toOffsetDateTime();
            jdbc.sql("""
                    insert into ledger_period (period_month, status, changed_at, changed_by, reason)
                    values (?, ?, ?, ?, ?)
                    on conflict (period_month) do update
                      set status = excluded.status, changed_at = excluded.changed_at,
                          changed_by = excluded.changed_by, reason = excluded.reason""")
                    .params(month.atDay(1), close ? "CLOSED" : "OPEN", now, actor(), reason.trim())
                    .update();
            AccountingPeriod after = period(month);
            audit.recordChange("ledger_period", month.format(MONTH), close ? "closed" : "reopened",
                    periodState(before), periodState(after));
            return after;
        });
    }

    private static Map<String, Object> periodState(AccountingPeriod p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", p.closed() ? "CLOSED" : "OPEN");
        if (p.reason() != null) {
            s.put("reason", p.reason());
        }
        return s;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("ledger.reason-required", "reason", "Give a reason");
        }
    }

    // ------------------------------------------------------------------ receivables

    @Override
    public void registerReceivableType(String code, String description) {
        if (code == null || !code.matches("[a-z][a-z0-9-]{1,39}")) {
            throw new BusinessRuleViolation("ledger.receivable-type-invalid", "type",
                    "A receivable type is 2-40 lower-case letters, digits and hyphens, e.g. cemetery-contract");
        }
        jdbc.sql("insert into ledger_receivable_type (code, description) values (?, ?) on conflict (code) do nothing")
                .params(code, description == null ? code : description)
                .update();
    }

    @Override
    public Receivable openReceivable(String type, String fund, String reference, String name) {
        List<FieldProblem> problems = new ArrayList<>();
        if (type == null || jdbc.sql("select count(*) from ledger_receivable_type where code = ?").param(type)
                .query(Long.class).single() == 0) {
            problems.add(new FieldProblem("type", "There is no receivable type " + type + "; register it first"));
        }
        if (fund == null || !chart().funds().containsKey(fund)) {
            problems.add(new FieldProblem("fund", "There is no fund " + fund));
        }
        if (reference == null || reference.isBlank()) {
            problems.add(new FieldProblem("reference", "Give the receivable's reference, e.g. the account number"));
        }
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "Give the name of who owes"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("ledger.receivable-invalid", problems.get(0).reason(), problems);
        }
        return tx.execute(status -> {
            Optional<Long> id = jdbc.sql("""
                    insert into ledger_receivable (receivable_type, fund_code, reference, name, created_at)
                    values (?, ?, ?, ?, ?)
                    on conflict (receivable_type, fund_code, reference) do nothing
                    returning id""")
                    .params(type, fund, reference.trim(), name.trim(), time.now().atZone(time.zone()).toOffsetDateTime())
                    .query(Long.class).optional();
            if (id.isPresent()) {
                jdbc.sql("insert into ledger_receivable_balance (receivable_id, fund_code) values (?, ?)").params(id.get(), fund)
                        .update();
                Receivable opened = new Receivable(id.get(), type, fund, reference.trim(), name.trim());
                audit.recordChange("ledger_receivable", id.get().toString(), "opened", null, opened);
                return opened;
            }
            return findReceivable(type, fund, reference.trim()).orElseThrow();
        });
    }

    @Override
    public Map<String, Receivable> openReceivables(String type, String fund, Map<String, String> namesByReference) {
        if (namesByReference.isEmpty()) {
            return Map.of();
        }
        if (type == null || jdbc.sql("select count(*) from ledger_receivable_type where code = ?").param(type)
                .query(Long.class).single() == 0) {
            throw new BusinessRuleViolation("ledger.receivable-invalid", "type",
                    "There is no receivable type " + type + "; register it first");
        }
        if (fund == null || !cachedChart().funds().containsKey(fund)) {
            throw new BusinessRuleViolation("ledger.receivable-invalid", "fund", "There is no fund " + fund);
        }
        String[] refs = new String[namesByReference.size()];
        String[] names = new String[refs.length];
        int i = 0;
        for (Map.Entry<String, String> e : namesByReference.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || e.getValue().isBlank()) {
                throw new BusinessRuleViolation("ledger.receivable-invalid", "reference",
                        "Give each receivable's reference and the name of who owes");
            }
            refs[i] = e.getKey().trim();
            names[i] = e.getValue().trim();
            i++;
        }
        return tx.execute(status -> {
            // most are open already (every bill after the first): find them, insert only the rest
            Map<String, Receivable> found = new HashMap<>(findReceivables(type, fund, java.util.Arrays.asList(refs)));
            List<String> missingRefs = new ArrayList<>();
            List<String> missingNames = new ArrayList<>();
            for (int k = 0; k < refs.length; k++) {
                if (!found.containsKey(refs[k])) {
                    missingRefs.add(refs[k]);
                    missingNames.add(names[k]);
                }
            }
            if (missingRefs.isEmpty()) {
                return found;
            }
            List<Receivable> opened = jdbc.sql("""
                    insert into ledger_receivable (receivable_type, fund_code, reference, name, created_at)
                    select ?, ?, r, n, ? from unnest(?::text[], ?::text[]) as t (r, n)
                    order by r
                    on conflict (receivable_type, fund_code, reference) do nothing
                    returning id, receivable_type, fund_code, reference, name""")
                    .params(type, fund, time.now().atZone(time.zone()).toOffsetDateTime(),
                            missingRefs.toArray(String[]::new), missingNames.toArray(String[]::new))
                    .query((rs, n) -> new Receivable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)))
                    .list();
            if (!opened.isEmpty()) {
                List<Long> ids = opened.stream().map(Receivable::id).sorted().toList();
                jdbc.sql("insert into ledger_receivable_balance (receivable_id, fund_code) select unnest(?::bigint[]), ?")
                        .params(texts(ids), fund).update();
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("type", type);
                after.put("fund", fund);
                after.put("ids", ids);
                audit.recordChange("ledger_receivable_batch", ids.get(0) + "-" + ids.get(ids.size() - 1),
                        "opened", null, after);
                opened.forEach(r -> found.put(r.reference(), r));
            }
            if (found.size() < refs.length) {
                // a concurrent transaction opened some between our look and our insert
                found.putAll(findReceivables(type, fund, missingRefs));
            }
            return found;
        });
    }

    @Override
    public Map<String, Map<String, Receivable>> openReceivablesByFund(String type,
            Map<String, Map<String, String>> namesByReferenceByFund) {
        requireFundsNamed(namesByReferenceByFund.keySet());
        return tx.execute(status -> {
            Map<String, Map<String, Receivable>> found = findReceivablesByFund(type, namesByReferenceByFund.entrySet()
                    .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().keySet())));
            for (Map.Entry<String, Map<String, String>> fund : new java.util.TreeMap<>(namesByReferenceByFund).entrySet()) {
                Map<String, Receivable> open = found.computeIfAbsent(fund.getKey(), f -> new HashMap<>());
                Map<String, String> missing = new java.util.TreeMap<>();
                fund.getValue().forEach((reference, name) -> {
                    if (reference == null || !open.containsKey(reference.trim())) {
                        missing.put(reference, name);
                    }
                });
                if (!missing.isEmpty()) {
                    // the checks of type, fund, reference and name, the insert and its audit record are the one-fund way's
                    open.putAll(openReceivables(type, fund.getKey(), missing));
                }
            }
            return found;
        });
    }

    @Override
    public Map<String, Map<String, Receivable>> findReceivablesByFund(String type,
            Map<String, ? extends Collection<String>> referencesByFund) {
        requireFundsNamed(referencesByFund.keySet());
        java.util.Set<String> funds = new java.util.TreeSet<>();
        java.util.Set<String> references = new java.util.TreeSet<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        referencesByFund.forEach((fund, refs) -> refs.forEach(r -> {
            if (r != null) {
                funds.add(fund);
                references.add(r.trim());
                asked.add(fund + "\u0000" + r.trim());
            }
        }));
        Map<String, Map<String, Receivable>> found = new HashMap<>();
        if (references.isEmpty()) {
            return found;
        }
        // every fund with every reference, by the (type, fund, reference) index's array scan, then only the pairs
        // asked for: a join with the pairs probed the index once per pair and took longer than five queries
        jdbc.sql("""
                select id, receivable_type, fund_code, reference, name from ledger_receivable
                where receivable_type = ? and fund_code = any(?::text[]) and reference = any(?::text[])""")
                .params(type, funds.toArray(String[]::new), references.toArray(String[]::new))
                .query((rs, n) -> new Receivable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list()
                .forEach(r -> {
                    if (asked.contains(r.fund() + "\u0000" + r.reference())) {
                        found.computeIfAbsent(r.fund(), f -> new HashMap<>()).put(r.reference(), r);
                    }
                });
        return found;
    }

    private static void requireFundsNamed(Collection<String> funds) {
        for (String fund : funds) {
            if (fund == null) {
                throw new BusinessRuleViolation("ledger.receivable-invalid", "fund", "There is no fund null");
            }
        }
    }

    @Override
    public Map<String, Receivable> findReceivables(String type, String fund, Collection<String> references) {
        Map<String, Receivable> found = new HashMap<>();
        if (references.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select id, receivable_type, fund_code, reference, name from ledger_receivable
                where receivable_type = ? and fund_code = ? and reference = any(?::text[])""")
                .params(type, fund, references.toArray(String[]::new))
                .query((rs, n) -> new Receivable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list()
                .forEach(r -> found.put(r.reference(), r));
        return found;
    }

    @Override
    public Map<Long, org.civicdesk.ledger.ReceivableActivity> receivableActivity(Map<Long, Long> afterEntryIdByReceivable) {
        if (afterEntryIdByReceivable.isEmpty()) {
            return Map.of();
        }
        String[] ids = new String[afterEntryIdByReceivable.size()];
        String[] after = new String[ids.length];
        int i = 0;
        for (Map.Entry<Long, Long> e : afterEntryIdByReceivable.entrySet()) {
            ids[i] = e.getKey().toString();
            after[i] = e.getValue() == null ? "0" : e.getValue().toString();
            i++;
        }
        Map<Long, org.civicdesk.ledger.ReceivableActivity> result = new HashMap<>();
        // per receivable, its credit lines after the entry through the partial index of credit lines: a probe
        // each, a plan that stays the same as the tables grow (a set-based form flipped to scans mid-run)
        jdbc.sql("""
                select b.receivable_id, b.balance,
                  coalesce((select sum(l.credit) from ledger_journal_line l
                            where l.receivable_id = t.r and l.entry_id > t.a and l.credit > 0
                              -- not a join: without fresh statistics (a demo loaded in seconds) the join
                              -- hashed every entry once per receivable, 200 times slower
                              and not exists (select 1 from ledger_journal_entry e
                                              where e.id = l.entry_id and e.reverses_entry_id is not null)), 0)
                from unnest(?::bigint[], ?::bigint[]) as t (r, a)
                join ledger_receivable_balance b on b.receivable_id = t.r
                -- said again on b so that the balances are read by their key, not by scanning them all
                where b.receivable_id = any(?::bigint[])""")
                .params(ids, after, ids)
                .query((rs, n) -> result.put(rs.getLong(1), new org.civicdesk.ledger.ReceivableActivity(rs.getLong(1),
                        Money.of(rs.getBigDecimal(2)), Money.of(rs.getBigDecimal(3)))))
                .list();
        return result;
    }

    @Override
    public Optional<Receivable> findReceivable(String type, String fund, String reference) {
        return jdbc.sql("""
                select id, receivable_type, fund_code, reference, name from ledger_receivable
                where receivable_type = ? and fund_code = ? and reference = ?""")
                .params(type, fund, reference)
                .query((rs, n) -> new Receivable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    @Override
    public ReceivableBalance receivableBalance(long receivableId, LocalDate asOf) {
        record Row(Receivable receivable, Money balance, long lines) {
        }
        Row row = jdbc.sql("""
                select r.id, r.receivable_type, r.fund_code, r.reference, r.name, b.balance, b.line_count
                from ledger_receivable r join ledger_receivable_balance b on b.receivable_id = r.id
                where r.id = ?""")
                .param(receivableId)
                .query((rs, n) -> new Row(new Receivable(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), Money.of(rs.getBigDecimal(6)), rs.getLong(7)))
                .optional()
                .orElseThrow(() -> new RecordNotFound("receivableId", "There is no receivable " + receivableId));
        return new ReceivableBalance(row.receivable(), row.balance(), row.lines(), aging(receivableId, asOf));
    }

    @Override
    public Map<Long, Money> receivableBalances(Collection<Long> receivableIds) {
        Map<Long, Money> balances = new HashMap<>();
        if (receivableIds.isEmpty()) {
            return balances;
        }
        jdbc.sql("select receivable_id, balance from ledger_receivable_balance where receivable_id = any(?::bigint[])")
                .param(texts(receivableIds))
                .query((rs, n) -> balances.put(rs.getLong(1), Money.of(rs.getBigDecimal(2))))
                .list();
        return balances;
    }

    @Override
    public Aging aging(long receivableId, LocalDate asOf) {
        LocalDate date = asOf == null ? time.today() : asOf;
        List<AgingRule.Item> items = jdbc.sql("""
                select l.id, coalesce(l.due_date, e.business_date), l.debit, l.credit
                from ledger_journal_line l join ledger_journal_entry e on e.id = l.entry_id
                where l.receivable_id = ? and e.business_date <= ?
                order by l.id""")
                .params(receivableId, date)
                .query((rs, n) -> new AgingRule.Item(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        Money.of(rs.getBigDecimal(3)), Money.of(rs.getBigDecimal(4))))
                .list();
        return AgingRule.age(receivableId, date, items);
    }
}
