package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.ReceivableActivity;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Write-off of final bills unpaid 60 days after their due date, and the agency referral batches. An account is
 * a candidate when every one of its service agreements has stopped, its latest bill that stands was issued on
 * or after the last stop (the final bill) and fell due 60 or more days before the business date, and it still
 * owes. The write-off is one entry per account (key write-off:account:{n}): each fund's receivable balance
 * against the allowance for bad debts (1290), so receivables plus allowance stay the same. Bankruptcy on the
 * day: written off but not referable. Each run puts the referable write-offs not yet referred into one agency
 * batch of the business date; the CSV is built from the batch's stored rows, so a re-export gives the same file.
 * Reads customer's service_agreement and customer tables and billing's bill tables in SQL (read only), set-based.
 */
@Service
class WriteOffs {

    /** city-profile.md: final bills unpaid this many days after their due date are written off. */
    static final int DAYS_AFTER_DUE = 60;
    /** How far back a run looks for final bills not yet written off (a long outage is still caught up). */
    static final int LOOKBACK_DAYS = 365;
    static final int CHUNK = 500;
    static final String SOURCE = "write-off";

    /** The agency file's columns, in order. */
    static final List<String> AGENCY_COLUMNS = List.of("batch_id", "batch_date", "account_number", "customer_name",
            "mailing_address", "final_bill_id", "final_bill_due_date", "written_off_on", "amount");

    record WriteOff(long id, String accountNumber, long finalBillId, LocalDate finalDueDate, LocalDate writtenOffOn,
            Money amount, String byFund, boolean referable, List<String> reasons, long ledgerEntryId, Long agencyBatchId,
            Money recovered) {
    }

    record AgencyBatch(long id, LocalDate businessDate, int referrals, Money total, Instant createdAt) {
    }

    /** What one run did (a second run of the date does nothing new). */
    record Outcome(int candidates, int writtenOff, Money total, int notReferred, Long agencyBatchId, int referred) {
    }

    private record Candidate(long accountId, String number, long billId, LocalDate dueDate) {
    }

    private final Ledger ledger;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    WriteOffs(Ledger ledger, AuditTrail audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.ledger = ledger;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    Outcome run(LocalDate date) {
        return run(date, null);
    }

    /**
     * The write-offs of the date and its agency batch.
     *
     * @param onlyAccounts limits the run (and its agency batch) to these account numbers (tests on the shared
     *                     database), or null for all
     */
    Outcome run(LocalDate date, java.util.Collection<String> onlyAccounts) {
        String[] only = onlyAccounts == null ? null : onlyAccounts.toArray(String[]::new);
        LocalDate dueBy = date.minusDays(DAYS_AFTER_DUE);
        List<Candidate> candidates = jdbc.sql("""
                with stopped as (
                  select account_id, max(end_date) as last_end
                    from service_agreement
                   group by account_id
                  having bool_and(status = 'STOPPED' and end_date is not null) and max(end_date) > :since
                ), final_bill as (
                  select distinct on (b.account_id) b.account_id, b.account_number, b.id, b.due_date, b.bill_date, s.last_end
                    from stopped s join bill b on b.account_id = s.account_id
                   where not exists (select 1 from bill_cancellation c where c.bill_id = b.id)
                   order by b.account_id, b.bill_date desc, b.id desc
                )
                select f.account_id, f.account_number, f.id, f.due_date from final_bill f
                 where f.bill_date >= f.last_end and f.due_date <= :due and f.due_date > :since
                   and not exists (select 1 from collections_write_off w where w.account_id = f.account_id)
                   and (cast(:only as text[]) is null or f.account_number = any(cast(:only as text[])))
                 order by f.account_id""").param("since", dueBy.minusDays(LOOKBACK_DAYS)).param("due", dueBy)
                .param("only", only, java.sql.Types.ARRAY)
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, LocalDate.class)))
                .list();
        int written = 0;
        int notReferred = 0;
        Money total = Money.ZERO;
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            List<Object[]> done = tx.execute(s -> writeOff(chunk, date));
            for (Object[] d : done) {
                written++;
                total = total.plus((Money) d[0]);
                if (!(Boolean) d[1]) {
                    notReferred++;
                }
            }
        }
        Long[] batch = tx.execute(s -> refer(date, only));
        return new Outcome(candidates.size(), written, total, notReferred, batch[0], batch[1].intValue());
    }

    /** Writes off the chunk's accounts that still owe; returns {amount, referable} per account written off. */
    private List<Object[]> writeOff(List<Candidate> chunk, LocalDate date) {
        String[] numbers = chunk.stream().map(Candidate::number).toArray(String[]::new);
        // receivables by fund, balances now, in a few queries
        Map<String, Map<String, Receivable>> byAccount = new HashMap<>();
        Map<Long, Long> ids = new HashMap<>();
        for (String fund : AccountFacts.FUNDS) {
            ledger.findReceivables(AccountFacts.RECEIVABLE_TYPE, fund, List.of(numbers)).forEach((n, r) -> {
                byAccount.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(fund, r);
                ids.put(r.id(), null);
            });
        }
        Map<Long, ReceivableActivity> activity = ids.isEmpty() ? Map.of() : ledger.receivableActivity(ids);
        Set<String> bankrupt = Set.copyOf(jdbc.sql("""
                select a.account_number from collections_protection p join account a on a.id = p.account_id
                 where a.account_number = any(:n) and p.kind = 'BANKRUPTCY' and p.starts_on <= :d
                   and (p.ended_on is null or p.ended_on > :d)""").param("n", numbers).param("d", date).query(String.class).list());
        Set<Long> already = Set.copyOf(jdbc.sql("select account_id from collections_write_off where account_id = any(:a) for update")
                .param("a", chunk.stream().map(Candidate::accountId).toArray(Long[]::new)).query(Long.class).list());
        List<JournalEntryRequest> requests = new ArrayList<>();
        List<Candidate> writing = new ArrayList<>();
        List<Map<String, Money>> plans = new ArrayList<>();
        for (Candidate c : chunk) {
            if (already.contains(c.accountId())) {
                continue;
            }
            Map<String, Money> balances = new LinkedHashMap<>();
            byAccount.getOrDefault(c.number(), Map.of()).forEach((fund, r) -> {
                ReceivableActivity a = activity.get(r.id());
                balances.put(fund, a == null ? Money.ZERO : a.balance());
            });
            Map<String, Money> plan = plan(balances);
            if (plan.isEmpty()) {
                continue;
            }
            Map<String, Long> receivableIds = new HashMap<>();
            byAccount.get(c.number()).forEach((f, r) -> receivableIds.put(f, r.id()));
            List<JournalLineRequest> lines = lines(plan, receivableIds, c.billId());
            requests.add(new JournalEntryRequest("write-off:account:" + c.number(), date, SOURCE,
                    "Final bill " + c.billId() + " of account " + c.number() + " written off (due " + c.dueDate() + ")", lines));
            writing.add(c);
            plans.add(plan);
        }
        if (requests.isEmpty()) {
            return List.of();
        }
        List<PostedEntry> posted = ledger.postAll(requests);
        List<Object[]> done = new ArrayList<>();
        Instant now = clock.instant();
        int n = writing.size();
        Money[] amounts = new Money[n];
        String[] byFunds = new String[n];
        Boolean[] referables = new Boolean[n];
        String[] reasonTexts = new String[n];
        List<AuditTrail.Change> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Candidate c = writing.get(i);
            Map<String, Money> plan = plans.get(i);
            Money amount = plan.values().stream().reduce(Money.ZERO, Money::plus);
            boolean referable = !bankrupt.contains(c.number());
            List<String> reasons = new ArrayList<>();
            reasons.add("Final bill " + c.billId() + " fell due " + c.dueDate() + " and was unpaid " + DAYS_AFTER_DUE
                    + " days later: " + amount.formatted() + " written off against the allowance for bad debts.");
            reasons.add(referable ? "Referred to the collection agency in the next batch."
                    : "Bankruptcy on file: written off, not referred to a collection agency.");
            StringBuilder byFund = new StringBuilder();
            plan.forEach((f, m) -> byFund.append(byFund.isEmpty() ? "" : "; ").append(f).append(' ').append(m.amount().toPlainString()));
            amounts[i] = amount;
            byFunds[i] = byFund.toString();
            referables[i] = referable;
            reasonTexts[i] = String.join("\n", reasons);
            changes.add(new AuditTrail.Change(c.number(), null, Map.of("finalBill", c.billId(), "amount", amount.toString(),
                    "byFund", byFunds[i], "referable", referable, "ledgerEntry", posted.get(i).id())));
            done.add(new Object[] {amount, referable});
        }
        // the chunk's write-offs in one statement, their audit records in another (each its own event on its account)
        jdbc.sql("""
                insert into collections_write_off (account_id, account_number, final_bill_id, final_due_date, written_off_on,
                  amount, by_fund, referable, reasons, ledger_entry_id, created_at)
                select a, n, b, due, :d, amount, f, ref, r, e, :at
                  from unnest(cast(:a as bigint[]), cast(:n as text[]), cast(:b as bigint[]), cast(:due as date[]),
                              cast(:amount as numeric[]), cast(:f as text[]), cast(:ref as boolean[]), cast(:r as text[]),
                              cast(:e as bigint[])) with ordinality as t(a, n, b, due, amount, f, ref, r, e, k)
                 order by k""")
                .param("a", writing.stream().map(Candidate::accountId).toArray(Long[]::new))
                .param("n", writing.stream().map(Candidate::number).toArray(String[]::new))
                .param("b", writing.stream().map(Candidate::billId).toArray(Long[]::new))
                .param("due", writing.stream().map(c -> c.dueDate().toString()).toArray(String[]::new))
                .param("amount", java.util.Arrays.stream(amounts).map(m -> m.amount().toPlainString()).toArray(String[]::new))
                .param("f", byFunds).param("ref", referables).param("r", reasonTexts)
                .param("e", posted.stream().map(PostedEntry::id).toArray(Long[]::new))
                .param("d", date).param("at", java.sql.Timestamp.from(now)).update();
        audit.recordChanges("account", "written-off", changes);
        return done;
    }

    /** What is written off per fund: each positive receivable balance, when the account owes on the whole. */
    static Map<String, Money> plan(Map<String, Money> balances) {
        Money net = balances.values().stream().reduce(Money.ZERO, Money::plus);
        Map<String, Money> plan = new LinkedHashMap<>();
        if (!net.isPositive()) {
            return plan;
        }
        balances.forEach((f, m) -> {
            if (m.isPositive()) {
                plan.put(f, m);
            }
        });
        return plan;
    }

    /** The write-off entry's lines: per fund, the allowance debited and the receivable credited by the same amount. */
    static List<JournalLineRequest> lines(Map<String, Money> plan, Map<String, Long> receivableIds, long billId) {
        List<JournalLineRequest> lines = new ArrayList<>();
        plan.forEach((fund, amount) -> {
            lines.add(JournalLineRequest.debit(fund, StandardAccount.BAD_DEBT_ALLOWANCE.code(), amount)
                    .memo("Final bill " + billId + " written off"));
            lines.add(JournalLineRequest.credit(fund, StandardAccount.RECEIVABLES.code(), amount)
                    .receivable(receivableIds.get(fund)).memo("Written off"));
        });
        return lines;
    }

    /** The agency batch of the date with every referable write-off not yet referred; {batch id, referrals}. */
    private Long[] refer(LocalDate date, String[] only) {
        Long existing = jdbc.sql("select id from collections_agency_batch where business_date = :d").param("d", date)
                .query(Long.class).optional().orElse(null);
        if (existing != null) {
            return new Long[] {existing, 0L};
        }
        jdbc.sql("lock table collections_agency_referral in share row exclusive mode").update();
        Map<String, Object> totals = jdbc.sql("""
                select count(*) as n, coalesce(sum(w.amount), 0) as total from collections_write_off w
                 where w.referable and not exists (select 1 from collections_agency_referral r where r.write_off_id = w.id)
                   and (cast(:only as text[]) is null or w.account_number = any(cast(:only as text[])))""")
                .param("only", only, java.sql.Types.ARRAY).query().singleRow();
        long n = ((Number) totals.get("n")).longValue();
        if (n == 0) {
            return new Long[] {null, 0L};
        }
        long batch = jdbc.sql("""
                insert into collections_agency_batch (business_date, referrals, total, created_at) values (:d, :n, :t, :at)
                returning id""").param("d", date).param("n", n).param("t", totals.get("total"))
                .param("at", java.sql.Timestamp.from(clock.instant())).query(Long.class).single();
        jdbc.sql("""
                insert into collections_agency_referral (write_off_id, batch_id, account_number, customer_name, mailing_address,
                  final_bill_id, final_due_date, written_off_on, amount)
                select w.id, :b, w.account_number, c.display_name,
                       concat_ws(', ', a.mailing_line1, nullif(a.mailing_line2, ''), a.mailing_city, a.mailing_state, a.mailing_zip),
                       w.final_bill_id, w.final_due_date, w.written_off_on, w.amount
                  from collections_write_off w join account a on a.id = w.account_id join customer c on c.id = a.customer_id
                 where w.referable and not exists (select 1 from collections_agency_referral r where r.write_off_id = w.id)
                   and (cast(:only as text[]) is null or w.account_number = any(cast(:only as text[])))""")
                .param("b", batch).param("only", only, java.sql.Types.ARRAY).update();
        audit.recordChange("collections_agency_batch", Long.toString(batch), "created", null,
                Map.of("businessDate", date.toString(), "referrals", n, "total", totals.get("total").toString()));
        return new Long[] {batch, n};
    }

    @Transactional(readOnly = true)
    public WriteOff ofAccount(long accountId) {
        return list("where w.account_id = :a", Map.of("a", accountId), 1).stream().findFirst().orElse(null);
    }

    @Transactional(readOnly = true)
    public List<WriteOff> recent(int limit) {
        return list("", Map.of(), limit);
    }

    private List<WriteOff> list(String where, Map<String, Object> params, int limit) {
        return jdbc.sql("""
                select w.*, r.batch_id,
                       coalesce((select sum(x.amount) from collections_recovery x where x.write_off_id = w.id), 0) as recovered
                  from collections_write_off w left join collections_agency_referral r on r.write_off_id = w.id
                """ + where + " order by w.written_off_on desc, w.id desc limit " + limit).params(params)
                .query((rs, n) -> new WriteOff(rs.getLong("id"), rs.getString("account_number"), rs.getLong("final_bill_id"),
                        rs.getObject("final_due_date", LocalDate.class), rs.getObject("written_off_on", LocalDate.class),
                        Money.of(rs.getBigDecimal("amount")), rs.getString("by_fund"), rs.getBoolean("referable"),
                        List.of(rs.getString("reasons").split("\n")), rs.getLong("ledger_entry_id"), (Long) rs.getObject("batch_id"),
                        Money.of(rs.getBigDecimal("recovered")))).list();
    }

    @Transactional(readOnly = true)
    public List<AgencyBatch> batches(int limit) {
        return jdbc.sql("select * from collections_agency_batch order by business_date desc, id desc limit :l").param("l", limit)
                .query((rs, n) -> new AgencyBatch(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                        rs.getInt("referrals"), Money.of(rs.getBigDecimal("total")), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The batch's agency file: a header of AGENCY_COLUMNS, then one line per referral by account number. */
    @Transactional(readOnly = true)
    public String agencyFile(long batchId) {
        AgencyBatch batch = jdbc.sql("select * from collections_agency_batch where id = :b").param("b", batchId)
                .query((rs, n) -> new AgencyBatch(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                        rs.getInt("referrals"), Money.of(rs.getBigDecimal("total")), rs.getTimestamp("created_at").toInstant()))
                .optional().orElseThrow(() -> new RecordNotFound("batchId", "There is no agency batch " + batchId));
        StringBuilder csv = new StringBuilder(String.join(",", AGENCY_COLUMNS)).append("\r\n");
        jdbc.sql("select * from collections_agency_referral where batch_id = :b order by account_number, write_off_id")
                .param("b", batchId).query(rs -> {
                    csv.append(batch.id()).append(',').append(batch.businessDate()).append(',')
                            .append(rs.getString("account_number")).append(',').append(field(rs.getString("customer_name")))
                            .append(',').append(field(rs.getString("mailing_address"))).append(',')
                            .append(rs.getLong("final_bill_id")).append(',').append(rs.getObject("final_due_date", LocalDate.class))
                            .append(',').append(rs.getObject("written_off_on", LocalDate.class)).append(',')
                            .append(rs.getBigDecimal("amount").setScale(2).toPlainString()).append("\r\n");
                });
        return csv.toString();
    }

    /** A quoted CSV field; a leading formula character is neutralised (spreadsheet injection). */
    static String field(String v) {
        String t = v == null ? "" : v;
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return "\"" + t.replace("\"", "\"\"") + "\"";
    }
}
