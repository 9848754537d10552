package org.civicdesk.billrun.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.billing.Tariffs;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.ReceivableActivity;
import org.civicdesk.cashiering.CreditBalances;
import org.civicdesk.metering.BillableService;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.metering.BillingReads;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.CopyText;
import org.civicdesk.platform.Money;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes the bills of a set of accounts inside the caller's transaction: reads what composition needs a chunk
 * at a time (a few queries whatever the number of accounts), composes each bill, and for an issuing run posts
 * one journal entry for the chunk (each bill's receivable lines, the credits summed: {@link BillPosting}) and
 * writes bills, services and lines with COPY; a bill issued alone gets an entry of its own. A trial keeps its
 * results in bill_run_trial_bill and posts nothing. Findings go to bill_run_exception.
 */
@Component
class BillMaker {

    static final String RECEIVABLE_TYPE = "utility-account";
    private static final String BILL_COLUMNS = "bill (id, account_id, account_number, bill_run_id, bill_date, due_date, "
            + "period_from, period_to, language, previous_balance, payments, adjustments, new_charges, tax, total_due, "
            + "any_estimated, rebill_of_bill_id, ledger_entry_id, idempotency_key, created_at, created_by)";
    private static final String SERVICE_COLUMNS = "bill_service (id, bill_id, agreement_id, service_type, rate_schedule, "
            + "fund, period_from, period_to, days, meter_number, from_read_id, to_read_id, from_reading, to_reading, "
            + "consumption, demand_kw, estimated, wqa, charges, tax, total)";
    private static final String LINE_COLUMNS = "bill_line (bill_id, bill_service_id, line_no, kind, part, description, "
            + "quantity, unit, unit_price, amount, taxable, account, version_id, version_label, part_from, part_to)";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ObjectProvider<Tariffs> tariffs;
    private final ObjectProvider<BillingReads> reads;
    private final BusinessTime time;
    private final AuditTrail audit;
    private final ObjectProvider<CreditBalances> creditBalances;

    BillMaker(DataSource dataSource, Ledger ledger, ObjectProvider<Tariffs> tariffs, ObjectProvider<BillingReads> reads,
            Clock clock, AuditTrail audit, ObjectProvider<CreditBalances> creditBalances) {
        this.creditBalances = creditBalances;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.ledger = ledger;
        this.tariffs = tariffs;
        this.reads = reads;
        this.time = new BusinessTime(clock);
        this.audit = audit;
    }

    /**
     * Whom to bill: the accounts with ids in [firstAccountId, lastAccountId] holding agreements at premises of
     * the cycle (null: any cycle), up to the cutoff. runId null: bills outside a run (bill now).
     */
    record Target(Long runId, Integer cycle, long firstAccountId, long lastAccountId, LocalDate cutoff,
            LocalDate billDate, LocalDate dueDate, boolean issue, long[] accountIds) {

        /** The accounts in an id range (one account, or a chunk that does not name its accounts). */
        Target(Long runId, Integer cycle, long firstAccountId, long lastAccountId, LocalDate cutoff, LocalDate billDate,
                LocalDate dueDate, boolean issue) {
            this(runId, cycle, firstAccountId, lastAccountId, cutoff, billDate, dueDate, issue, null);
        }
    }

    record Result(int accounts, int bills, int exceptions, Money billed, List<Long> billIds, List<String> heldReasons) {
    }

    /** A bill ready to write: its id, key, the run, what it replaces and its ledger entry. */
    record Issued(ComposedBill bill, long billId, Long runId, Long rebillOf, String key, Long entryId,
            LocalDate billDate, LocalDate dueDate) {
    }

    private volatile BillingReads fallbackReads;

    TariffBook book() {
        Tariffs t = tariffs.getIfAvailable();
        if (t == null) {
            throw new IllegalStateException("No tariff book is installed (billing.Tariffs)");
        }
        return t.book();
    }

    /** Reads to use when no BillingReads bean exists (the benchmark before metering is merged). */
    void useReadsWhenNoneInstalled(BillingReads reads) {
        this.fallbackReads = reads;
    }

    Result make(Target target) {
        Map<Long, Map<String, Long>> receivables = new HashMap<>();
        List<BillInputs.Account> accounts = load(target, receivables);
        TariffBook book = book();
        List<ComposedBill> composed = new ArrayList<>(accounts.size());
        for (BillInputs.Account a : accounts) {
            composed.add(BillComposer.compose(a, book, target.cutoff()));
        }
        List<ComposedBill> toIssue = new ArrayList<>();
        List<String> held = new ArrayList<>();
        int exceptions = 0;
        Money billed = Money.ZERO;
        for (ComposedBill b : composed) {
            exceptions += b.findings().size();
            b.findings().stream().filter(ComposedBill.Finding::held)
                    .forEach(f -> held.add(b.account().number() + ": " + f.detail()));
            if (!b.held() && !b.empty()) {
                toIssue.add(b);
                billed = billed.plus(b.newCharges()).plus(b.tax());
            }
        }
        if (target.runId() != null) {
            writeFindings(target.runId(), composed);
        }
        List<Long> billIds = new ArrayList<>();
        if (target.issue()) {
            billIds = issue(toIssue, target.runId(), target.billDate(), target.dueDate(), null, receivables);
        } else if (target.runId() != null) {
            writeTrialBills(target.runId(), toIssue);
        }
        return new Result(accounts.size(), toIssue.size(), exceptions, billed, billIds, held);
    }

    /** Posts and writes composed bills; returns their ids in order. rebillOf lines up with bills when given. */
    List<Long> issue(List<ComposedBill> bills, Long runId, LocalDate billDate, LocalDate dueDate, List<Long> rebillOf) {
        return issue(bills, runId, billDate, dueDate, rebillOf, Map.of());
    }

    /** As above, with the receivables already known by account and fund (a chunk's, from its loading). */
    private List<Long> issue(List<ComposedBill> bills, Long runId, LocalDate billDate, LocalDate dueDate,
            List<Long> rebillOf, Map<Long, Map<String, Long>> known) {
        if (bills.isEmpty()) {
            return List.of();
        }
        List<Long> ids = reserve("bill", bills.size());
        Map<Long, Map<String, Long>> receivables = openReceivables(bills, known);
        List<JournalEntryRequest> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        // the run's due date, or the account's due day on or after it
        List<LocalDate> dueDates = new ArrayList<>();
        List<BillPosting.ChunkBill> chunk = new ArrayList<>();
        for (int i = 0; i < bills.size(); i++) {
            ComposedBill b = bills.get(i);
            String key = runId != null ? "bill:run" + runId + ":account" + b.account().id() : "bill:" + ids.get(i);
            keys.add(key);
            dueDates.add(DueDates.due(dueDate, b.account().dueDay()));
            List<RatedService> rated = b.services().stream().map(ComposedBill.Service::rated).toList();
            if (runId != null) {
                chunk.add(new BillPosting.ChunkBill(ids.get(i), dueDates.get(i), BillPosting.netCreditsByFund(rated),
                        receivables.get(b.account().id())));
                continue;
            }
            JournalEntryRequest entry = BillPosting.entry(key, billDate, dueDates.get(i),
                    "Bill " + ids.get(i) + " for account " + b.account().number() + ", " + b.periodFrom() + " to "
                            + b.periodTo(), rated, receivables.get(b.account().id()));
            if (entry != null) {
                entries.add(entry);
            }
        }
        // a run's chunk posts one entry for its bills (bills in one chunk transaction stand or fall together);
        // its key names the run and the chunk's accounts, and each bill keeps its own key on its row
        String chunkKey = null;
        if (!chunk.isEmpty()) {
            long firstAccount = bills.stream().mapToLong(b -> b.account().id()).min().orElseThrow();
            long lastAccount = bills.stream().mapToLong(b -> b.account().id()).max().orElseThrow();
            chunkKey = "bill:run" + runId + ":accounts" + firstAccount + "-" + lastAccount;
            JournalEntryRequest entry = BillPosting.chunkEntry(chunkKey, billDate, "Bills " + ids.get(0) + " to "
                    + ids.get(ids.size() - 1) + " of bill run " + runId + " (" + bills.size() + " bills, accounts "
                    + firstAccount + " to " + lastAccount + ")", chunk);
            if (entry != null) {
                entries.add(entry);
            }
        }
        Map<String, Long> entryIds = new HashMap<>();
        if (!entries.isEmpty()) {
            for (PostedEntry p : ledger.postAll(entries)) {
                entryIds.put(p.idempotencyKey(), p.id());
            }
            // credit balances held for these accounts pay the new charges (cashiering's payment application rule)
            CreditBalances credits = creditBalances.getIfAvailable();
            if (credits != null) {
                credits.applyToOpenCharges(bills.stream().map(b -> b.account().number()).toList(), billDate);
            }
        }
        List<Issued> issued = new ArrayList<>(bills.size());
        for (int i = 0; i < bills.size(); i++) {
            Long entryId = entryIds.get(chunkKey != null ? chunkKey : keys.get(i));
            if (chunkKey != null && !chunk.get(i).movesMoney()) {
                entryId = null; // a bill that moves no money has no entry, as when bills posted one by one
            }
            issued.add(new Issued(bills.get(i), ids.get(i), runId, rebillOf == null ? null : rebillOf.get(i),
                    keys.get(i), entryId, billDate, dueDates.get(i)));
        }
        write(issued);
        if (runId == null) {
            for (Issued b : issued) {
                audit.recordChange("bill", Long.toString(b.billId()), "issued", null, summary(b));
            }
        } else {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("run", runId);
            after.put("bills", issued.size());
            after.put("firstBillId", ids.get(0));
            after.put("lastBillId", ids.get(ids.size() - 1));
            audit.recordChange("bill_run_bills", runId + ":" + ids.get(0), "issued", null, after);
        }
        return ids;
    }

    private static Map<String, Object> summary(Issued b) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("account", b.bill().account().number());
        s.put("period", b.bill().periodFrom() + ".." + b.bill().periodTo());
        s.put("newCharges", b.bill().newCharges().amount());
        s.put("tax", b.bill().tax().amount());
        s.put("totalDue", b.bill().totalDue().amount());
        s.put("ledgerEntryId", b.entryId());
        if (b.rebillOf() != null) {
            s.put("rebillOf", b.rebillOf());
        }
        return s;
    }

    /**
     * The replacement of a cancelled bill: the same services, periods and usage, rated with the current book,
     * the balance figures as they are now (after the cancellation's reversal).
     */
    ComposedBill recompose(long oldBillId) {
        record Head(long accountId, String number, String name, String language, Money previous, Money payments) {
        }
        Head h = jdbc.sql("""
                select b.account_id, b.account_number, c.display_name, b.language, b.previous_balance, b.payments
                from bill b join account a on a.id = b.account_id join customer c on c.id = a.customer_id
                where b.id = ?""")
                .param(oldBillId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Money.of(rs.getBigDecimal(5)), Money.of(rs.getBigDecimal(6))))
                .optional().orElseThrow(() -> new org.civicdesk.platform.RecordNotFound("billId",
                        "There is no bill " + oldBillId));
        TariffBook book = book();
        List<ComposedBill.Service> services = jdbc.sql("""
                select s.agreement_id, sa.premise_id, s.service_type, s.rate_schedule, sa.start_date, sa.end_date,
                  sa.status, s.period_from, s.period_to, s.meter_number, s.from_read_id, s.to_read_id, s.from_reading,
                  s.to_reading, s.consumption, s.demand_kw, s.estimated, s.wqa
                from bill_service s join service_agreement sa on sa.id = s.agreement_id
                where s.bill_id = ? order by s.id""")
                .param(oldBillId)
                .query((rs, n) -> {
                    BillInputs.Agreement a = new BillInputs.Agreement(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                            rs.getString(7), false, null, null);
                    LocalDate previous = rs.getObject(8, LocalDate.class).minusDays(1);
                    LocalDate read = rs.getObject(9, LocalDate.class);
                    String meter = rs.getString(10);
                    BigDecimal consumption = rs.getBigDecimal(15);
                    BigDecimal demand = rs.getBigDecimal(16);
                    BillableUsage usage = meter == null ? null : new BillableUsage(a.id(), meter, previous, read,
                            (Long) rs.getObject(11), (Long) rs.getObject(12), rs.getBigDecimal(13), rs.getBigDecimal(14),
                            consumption, demand, rs.getBoolean(17), 0, null, null);
                    BigDecimal wqa = rs.getBigDecimal(18);
                    return new ComposedBill.Service(a, previous, read, usage, consumption, wqa, null);
                })
                .list();
        List<ComposedBill.Service> rated = new ArrayList<>();
        for (ComposedBill.Service s : services) {
            Map<String, BigDecimal> options = new HashMap<>();
            jdbc.sql("""
                    select code, quantity from service_agreement_option
                    where agreement_id = ? and since <= ? and (until is null or until >= ?)""")
                    .params(s.agreement().id(), s.readDate(), s.readDate())
                    .query((rs, n) -> options.put(rs.getString(1), rs.getBigDecimal(2))).list();
            RatedService r = book.rate(new org.civicdesk.billing.RatingRequest(s.agreement().rateSchedule(),
                    s.previousDate(), s.readDate(), s.consumption(), s.usage() == null ? null : s.usage().demandKw(),
                    s.wqa(), options));
            rated.add(new ComposedBill.Service(s.agreement(), s.previousDate(), s.readDate(), s.usage(), s.consumption(),
                    s.wqa(), r));
        }
        Map<String, Map<String, String>> byFund = new HashMap<>();
        for (ComposedBill.Service s : rated) {
            byFund.computeIfAbsent(s.rated().fund(), f -> new HashMap<>()).put(h.number(), h.name());
        }
        Map<Long, Long> after = new HashMap<>();
        openByFund(byFund, Map.of(h.number(), h.accountId())).getOrDefault(h.accountId(), Map.of())
                .values().forEach(id -> after.put(id, Long.MAX_VALUE));
        Money balance = Money.ZERO;
        for (ReceivableActivity a : ledger.receivableActivity(after).values()) {
            balance = balance.plus(a.balance());
        }
        Money charges = Money.ZERO;
        Money tax = Money.ZERO;
        boolean estimated = false;
        for (ComposedBill.Service s : rated) {
            charges = charges.plus(s.rated().charges());
            tax = tax.plus(s.rated().tax());
            estimated |= s.usage() != null && s.usage().estimated();
        }
        BillInputs.Account account = new BillInputs.Account(h.accountId(), h.number(), h.name(), h.language(),
                rated.stream().map(ComposedBill.Service::agreement).toList(), Map.of(), Map.of(), Map.of(), h.previous(),
                balance, h.payments(), null, null);
        LocalDate from = rated.stream().map(s -> s.previousDate().plusDays(1)).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = rated.stream().map(ComposedBill.Service::readDate).max(LocalDate::compareTo).orElseThrow();
        return new ComposedBill(account, rated, h.previous(), h.payments(),
                balance.minus(h.previous()).plus(h.payments()), charges, tax, balance.plus(charges).plus(tax), estimated,
                from, to, List.of());
    }

    // ------------------------------------------------------------------ reading

    /** The chunk's accounts ready to compose; fills receivables (account id, fund, receivable id). */
    private List<BillInputs.Account> load(Target t, Map<Long, Map<String, Long>> receivables) {
        record Row(long accountId, String number, String name, String language, Integer dueDay,
                BillInputs.Agreement agreement) {
        }
        // a chunk that names its accounts is read by them; else by id range (the planner sees which, no OR)
        String which = t.accountIds() != null ? "a.id = any(cast(:ids as bigint[]))" : "a.id between :first and :last";
        var query = jdbc.sql("""
                select a.id, a.account_number, c.display_name, a.language,
                  sa.id, sa.premise_id, sa.service_type, sa.rate_schedule, sa.start_date, sa.end_date, sa.status,
                  sa.converted, a.bill_due_day
                from account a
                join customer c on c.id = a.customer_id
                join service_agreement sa on sa.account_id = a.id
                join premise p on p.id = sa.premise_id
                where %s
                  and (cast(:cycle as int) is null or p.billing_cycle = :cycle)
                  and sa.start_date <= :cutoff
                  and (sa.status in ('ACTIVE', 'PENDING_STOP') or (sa.status = 'STOPPED' and sa.final_bill_requested))
                order by a.id, sa.id""".formatted(which));
        if (t.accountIds() != null) {
            query = query.param("ids", java.util.Arrays.stream(t.accountIds()).mapToObj(Long::toString)
                    .toArray(String[]::new));
        } else {
            query = query.param("first", t.firstAccountId()).param("last", t.lastAccountId());
        }
        List<Row> rows = query
                .param("cycle", t.cycle()).param("cutoff", t.cutoff())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(13),
                        new BillInputs.Agreement(rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8),
                                rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class), rs.getString(11),
                                rs.getBoolean(12), null, null)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        String[] agreementIds = rows.stream().map(r -> Long.toString(r.agreement().id())).toArray(String[]::new);
        String[] accountIds = rows.stream().map(r -> Long.toString(r.accountId())).distinct().toArray(String[]::new);

        // where each agreement's last bill (not cancelled) ended
        record Last(LocalDate to, Long readId) {
        }
        Map<Long, Last> last = new HashMap<>();
        jdbc.sql("""
                select distinct on (s.agreement_id) s.agreement_id, s.period_to, s.to_read_id
                from bill_service s
                where s.agreement_id = any(cast(? as bigint[]))
                  and not exists (select 1 from bill_cancellation x where x.bill_id = s.bill_id)
                order by s.agreement_id, s.period_to desc, s.id desc""")
                .param(agreementIds)
                .query((rs, n) -> last.put(rs.getLong(1), new Last(rs.getObject(2, LocalDate.class),
                        (Long) rs.getObject(3))))
                .list();

        Map<Long, Map<String, BigDecimal>> options = new HashMap<>();
        jdbc.sql("""
                select agreement_id, code, quantity from service_agreement_option
                where agreement_id = any(cast(? as bigint[])) and since <= ? and (until is null or until >= ?)""")
                .params(agreementIds, t.cutoff(), t.cutoff())
                .query((rs, n) -> options.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getBigDecimal(3)))
                .list();

        // WQA of the water agreement of the same account at the same premise, for each wastewater agreement
        Map<Long, BigDecimal> wqa = new HashMap<>();
        jdbc.sql("""
                select distinct on (ww.id) ww.id, q.wqa
                from service_agreement ww
                join service_agreement w on w.premise_id = ww.premise_id and w.account_id = ww.account_id
                  and w.service_type = 'WATER'
                join billing_wqa q on q.agreement_id = w.id and q.effective_from <= ?
                where ww.id = any(cast(? as bigint[])) and ww.service_type = 'WASTEWATER'
                order by ww.id, q.effective_from desc""")
                .params(t.cutoff(), agreementIds)
                .query((rs, n) -> wqa.put(rs.getLong(1), rs.getBigDecimal(2)))
                .list();

        // last bill and average bill per account
        record History(Money lastTotalDue, Long lastEntryId, Money average) {
        }
        Map<Long, History> history = new HashMap<>();
        jdbc.sql("""
                select b.account_id,
                  (array_agg(b.total_due order by b.bill_date desc, b.id desc))[1],
                  (array_agg(b.ledger_entry_id order by b.bill_date desc, b.id desc))[1],
                  avg(b.new_charges + b.tax)
                from bill b
                where b.account_id = any(cast(? as bigint[]))
                  and not exists (select 1 from bill_cancellation x where x.bill_id = b.id)
                group by b.account_id""")
                .param(accountIds)
                .query((rs, n) -> history.put(rs.getLong(1), new History(Money.of(rs.getBigDecimal(2)),
                        (Long) rs.getObject(3), Money.round(rs.getBigDecimal(4)))))
                .list();

        // usage of the metered agreements
        List<BillableService> metered = new ArrayList<>();
        List<BillInputs.Agreement> withLast = new ArrayList<>(rows.size());
        for (Row r : rows) {
            BillInputs.Agreement a = r.agreement();
            Last l = last.get(a.id());
            BillInputs.Agreement full = new BillInputs.Agreement(a.id(), a.premiseId(), a.serviceType(), a.rateSchedule(),
                    a.start(), a.end(), a.status(), a.converted(), l == null ? null : l.readId(), l == null ? null : l.to());
            withLast.add(full);
            boolean finalDone = "STOPPED".equals(a.status()) && a.end() != null && l != null && !l.to().isBefore(a.end());
            if (BillInputs.metered(a.serviceType()) && !finalDone) {
                metered.add(new BillableService(a.id(), a.premiseId(), a.serviceType(), a.start(), a.end(),
                        full.lastBilledReadId()));
            }
        }
        Map<Long, BillableUsage> usage = Map.of();
        if (!metered.isEmpty()) {
            BillingReads r = reads.getIfAvailable(() -> fallbackReads);
            if (r == null) {
                throw new IllegalStateException("No meter reads are available (metering.BillingReads)");
            }
            usage = r.usage(metered, t.cutoff(), t.issue());
        }

        // receivables and their activity since each account's last bill
        Map<Long, List<BillInputs.Agreement>> byAccount = new LinkedHashMap<>();
        Map<Long, Row> accountRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byAccount.computeIfAbsent(rows.get(i).accountId(), k -> new ArrayList<>()).add(withLast.get(i));
            accountRow.putIfAbsent(rows.get(i).accountId(), rows.get(i));
        }
        // an issuing run opens what is missing (accounts loaded without start of service); a trial only looks
        receivables.putAll(receivables(byAccount, accountRow.values().stream()
                .collect(java.util.stream.Collectors.toMap(Row::accountId, r -> new String[] {r.number(), r.name()})),
                t.issue()));
        Map<Long, Long> after = new HashMap<>();
        receivables.forEach((accountId, funds) -> {
            History h = history.get(accountId);
            funds.values().forEach(id -> after.put(id, h == null ? null : h.lastEntryId()));
        });
        Map<Long, ReceivableActivity> activity = ledger.receivableActivity(after);

        List<BillInputs.Account> accounts = new ArrayList<>(byAccount.size());
        for (Map.Entry<Long, List<BillInputs.Agreement>> e : byAccount.entrySet()) {
            Row r = accountRow.get(e.getKey());
            Money balance = Money.ZERO;
            Money credits = Money.ZERO;
            for (Long id : receivables.getOrDefault(e.getKey(), Map.of()).values()) {
                ReceivableActivity act = activity.get(id);
                if (act != null) {
                    balance = balance.plus(act.balance());
                    credits = credits.plus(act.creditsSince());
                }
            }
            Map<Long, BillableUsage> accountUsage = new HashMap<>();
            Map<Long, Map<String, BigDecimal>> accountOptions = new HashMap<>();
            Map<Long, BigDecimal> accountWqa = new HashMap<>();
            for (BillInputs.Agreement a : e.getValue()) {
                if (usage.containsKey(a.id())) {
                    accountUsage.put(a.id(), usage.get(a.id()));
                }
                if (options.containsKey(a.id())) {
                    accountOptions.put(a.id(), options.get(a.id()));
                }
                if (wqa.containsKey(a.id())) {
                    accountWqa.put(a.id(), wqa.get(a.id()));
                }
            }
            History h = history.get(e.getKey());
            accounts.add(new BillInputs.Account(e.getKey(), r.number(), r.name(), r.language(), e.getValue(), accountUsage,
                    accountOptions, accountWqa, h == null ? Money.ZERO : h.lastTotalDue(), balance, credits,
                    h == null ? null : h.average(), r.dueDay()));
        }
        return accounts;
    }

    /** The account's utility-account receivable in each fund of its agreements (opened when missing if open). */
    private Map<Long, Map<String, Long>> receivables(Map<Long, List<BillInputs.Agreement>> byAccount,
            Map<Long, String[]> numberAndName, boolean open) {
        Map<String, Map<String, String>> byFund = new HashMap<>();
        Map<String, Long> accountByNumber = new HashMap<>();
        byAccount.forEach((accountId, agreements) -> {
            String[] nn = numberAndName.get(accountId);
            accountByNumber.put(nn[0], accountId);
            for (BillInputs.Agreement a : agreements) {
                byFund.computeIfAbsent(BillInputs.fundOf(a.serviceType()), f -> new HashMap<>()).put(nn[0], nn[1]);
            }
        });
        if (open) {
            return openByFund(byFund, accountByNumber);
        }
        Map<String, java.util.Set<String>> referencesByFund = new HashMap<>();
        byFund.forEach((fund, names) -> referencesByFund.put(fund, names.keySet()));
        return byAccount(ledger.findReceivablesByFund(RECEIVABLE_TYPE, referencesByFund), accountByNumber);
    }

    /** The receivables the bills post to: those known already, the rest opened (or found) now. */
    private Map<Long, Map<String, Long>> openReceivables(List<ComposedBill> bills, Map<Long, Map<String, Long>> known) {
        Map<String, Map<String, String>> byFund = new HashMap<>();
        Map<String, Long> accountByNumber = new HashMap<>();
        Map<Long, Map<String, Long>> result = new HashMap<>();
        for (ComposedBill b : bills) {
            accountByNumber.put(b.account().number(), b.account().id());
            Map<String, Long> knownFunds = known.getOrDefault(b.account().id(), Map.of());
            for (ComposedBill.Service s : b.services()) {
                String fund = s.rated().fund();
                Long id = knownFunds.get(fund);
                if (id != null) {
                    result.computeIfAbsent(b.account().id(), k -> new HashMap<>()).put(fund, id);
                } else {
                    byFund.computeIfAbsent(fund, f -> new HashMap<>()).put(b.account().number(), b.account().name());
                }
            }
        }
        openByFund(byFund, accountByNumber).forEach((account, funds) ->
                result.computeIfAbsent(account, k -> new HashMap<>()).putAll(funds));
        return result;
    }

    private Map<Long, Map<String, Long>> openByFund(Map<String, Map<String, String>> byFund,
            Map<String, Long> accountByNumber) {
        if (byFund.isEmpty()) {
            return new HashMap<>();
        }
        return byAccount(ledger.openReceivablesByFund(RECEIVABLE_TYPE, byFund), accountByNumber);
    }

    /** Receivable ids by account id, then fund. */
    private static Map<Long, Map<String, Long>> byAccount(Map<String, Map<String, Receivable>> byFund,
            Map<String, Long> accountByNumber) {
        Map<Long, Map<String, Long>> result = new HashMap<>();
        byFund.forEach((fund, byReference) -> byReference.forEach((number, receivable) ->
                result.computeIfAbsent(accountByNumber.get(number), k -> new HashMap<>()).put(fund, receivable.id())));
        return result;
    }

    // ------------------------------------------------------------------ writing

    private final Map<String, String> sequences = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Long> reserve(String table, int n) {
        // the sequence's name found once: pg_get_serial_sequence in the select list ran once per id (5 us each)
        String sequence = sequences.computeIfAbsent(table, t -> jdbc.sql("select pg_get_serial_sequence(?, 'id')")
                .param(t).query(String.class).single());
        return jdbc.sql("select nextval(cast(? as regclass)) from generate_series(1, ?)")
                .params(sequence, n).query(Long.class).list();
    }

    void write(List<Issued> issued) {
        OffsetDateTime now = time.now().atZone(time.zone()).toOffsetDateTime();
        String actor = actor();
        int serviceCount = issued.stream().mapToInt(b -> b.bill().services().size()).sum();
        List<Long> serviceIds = serviceCount == 0 ? List.of() : reserve("bill_service", serviceCount);
        CopyText bills = new CopyText();
        CopyText services = new CopyText();
        CopyText lines = new CopyText();
        int next = 0;
        for (Issued i : issued) {
            ComposedBill b = i.bill();
            bills.add(i.billId()).add(b.account().id()).add(b.account().number()).add(i.runId()).add(i.billDate())
                    .add(i.dueDate()).add(b.periodFrom()).add(b.periodTo()).add(b.account().language())
                    .add(b.previousBalance()).add(b.payments()).add(b.adjustments()).add(b.newCharges()).add(b.tax())
                    .add(b.totalDue()).add(b.anyEstimated()).add(i.rebillOf()).add(i.entryId()).add(i.key()).add(now)
                    .add(actor).end();
            int lineNo = 0;
            for (ComposedBill.Service sv : b.services()) {
                long serviceId = serviceIds.get(next++);
                RatedService r = sv.rated();
                BillableUsage u = sv.usage();
                services.add(serviceId).add(i.billId()).add(sv.agreement().id()).add(sv.agreement().serviceType())
                        .add(sv.agreement().rateSchedule()).add(r.fund()).add(sv.previousDate().plusDays(1))
                        .add(sv.readDate()).add(r.days()).add(u == null ? null : u.meterNumber())
                        .add(u == null ? null : u.fromReadId()).add(u == null ? null : u.toReadId())
                        .add(u == null ? null : plain(u.fromReading())).add(u == null ? null : plain(u.toReading()))
                        .add(plain(sv.consumption())).add(u == null ? null : plain(u.demandKw()))
                        .add(u != null && u.estimated()).add(plain(sv.wqa())).add(r.charges()).add(r.tax())
                        .add(r.total()).end();
                for (RatedLine l : r.lines()) {
                    lines.add(i.billId()).add(serviceId).add(++lineNo).add("CHARGE").add(l.part()).add(l.description())
                            .add(plain(l.quantity())).add(l.unit()).add(plain(l.unitPrice())).add(l.amount())
                            .add(l.taxable()).add(l.account()).add(l.versionId()).add(l.version()).add(l.from())
                            .add(l.to()).end();
                }
                for (TaxLine t : r.taxes()) {
                    lines.add(i.billId()).add(serviceId).add(++lineNo).add("TAX").add(t.jurisdiction())
                            .add(t.jurisdiction() + " tax " + t.rate().movePointRight(2).stripTrailingZeros().toPlainString()
                                    + "% of " + t.base())
                            .add(plain(t.base().amount())).add("USD").add(plain(t.rate())).add(t.amount()).add(false)
                            .add(org.civicdesk.ledger.StandardAccount.TAX_PAYABLE.code()).add(t.rateId())
                            .add(t.jurisdiction()).add(sv.previousDate().plusDays(1)).add(sv.readDate()).end();
                }
            }
        }
        bills.copyInto(dataSource, BILL_COLUMNS);
        services.copyInto(dataSource, SERVICE_COLUMNS);
        lines.copyInto(dataSource, LINE_COLUMNS);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static String actor() {
        String override = AuditActor.override();
        if (override != null) {
            return override;
        }
        return CurrentStaff.username().orElse("system");
    }

    private void writeFindings(long runId, List<ComposedBill> composed) {
        List<String[]> rows = new ArrayList<>();
        for (ComposedBill b : composed) {
            for (ComposedBill.Finding f : b.findings()) {
                rows.add(new String[] {Long.toString(b.account().id()), b.account().number(),
                        f.agreementId() == null ? null : f.agreementId().toString(), f.kind(), Boolean.toString(f.held()),
                        f.detail()});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into bill_run_exception (run_id, account_id, account_number, agreement_id, kind, held, detail)
                select ?, a::bigint, n, g::bigint, k, h::boolean, d
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as t (a, n, g, k, h, d)""")
                .params(runId, column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3), column(rows, 4),
                        column(rows, 5))
                .update();
    }

    private void writeTrialBills(long runId, List<ComposedBill> bills) {
        if (bills.isEmpty()) {
            return;
        }
        CopyText copy = new CopyText();
        for (ComposedBill b : bills) {
            copy.add(runId).add(b.account().id()).add(b.account().number()).add(b.services().size())
                    .add(b.newCharges()).add(b.tax()).add(b.previousBalance()).add(b.totalDue()).add(b.anyEstimated())
                    .end();
        }
        copy.copyInto(dataSource, "bill_run_trial_bill (run_id, account_id, account_number, services, new_charges, tax, "
                + "previous_balance, total_due, any_estimated)");
    }

    private static String[] column(List<String[]> rows, int i) {
        String[] c = new String[rows.size()];
        for (int r = 0; r < c.length; r++) {
            c[r] = rows.get(r)[i];
        }
        return c;
    }
}
