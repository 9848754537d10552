package org.civicdesk.collections.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.collections.CollectionSchedulePolicy;
import org.civicdesk.collections.CollectionSchedulePolicy.Plan;
import org.civicdesk.collections.CollectionSchedulePolicy.Step;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.Letters;
import org.civicdesk.fieldservice.DisconnectProtection;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily collection schedule of a business date. One set-based query finds every account past due by at
 * least the first step's days (past due and the oldest unpaid due date from the ledger's lines, credits paying
 * the charges that fell due first, as the ledger's aging does) with what the policies look at, read through a
 * cursor (a million accounts are never held in memory); the {@link CollectionSchedulePolicy} decides each in
 * memory; held steps are written in batches, and the steps taken (letters, field orders, their rows and the
 * skipped steps before them, audit records) a chunk of accounts per transaction, a statement or a few per chunk.
 * Idempotent by business date: a step taken or skipped in the cycle is not looked at again, and one row per
 * account, date, step and outcome is allowed.
 */
@Service
class CollectionSchedule {

    static final String ORDER_SOURCE = "collections";
    private static final Logger log = LoggerFactory.getLogger(CollectionSchedule.class);
    private static final int BATCH = 1000;
    private static final int FETCH = 2000;

    /** What one run did. */
    record Outcome(LocalDate businessDate, int pastDue, int looked, int taken, int skipped, int held, int letters,
            int fieldOrders, int failed) {
    }

    /** An account past due, with what the policies look at. */
    record Candidate(long accountId, String accountNumber, String accountClass, Money pastDue, LocalDate cycleDueDate,
            Set<String> services, Money disputed, boolean bankruptcy, LocalDate medicalCertificateOn,
            boolean arrangementCurrent, Map<String, LocalDate> stepsDone) {
    }

    /** A row of the account's schedule history. */
    record Event(long id, LocalDate businessDate, LocalDate cycleDueDate, String step, String outcome,
            Integer daysPastDue, Money pastDue, List<String> reasons, Long letterId, List<Long> fieldOrderIds,
            Long paymentId, String createdBy) {
    }

    private final JdbcClient jdbc;
    private final RulesBook rules;
    private final Letters letters;
    private final FieldOrders orders;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int workers;
    private final int chunk;
    /** Reads the candidates through a cursor, FETCH rows at a time. */
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    /** The writes of a run: never joined to the candidates' read-only transaction, which is open meanwhile. */
    private final TransactionTemplate own;

    CollectionSchedule(JdbcClient jdbc, RulesBook rules, Letters letters, FieldOrders orders, AuditTrail audit,
            TransactionTemplate tx, Clock clock, javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions,
            @org.springframework.beans.factory.annotation.Value("${civicdesk.collections.schedule.workers:4}") int workers,
            @org.springframework.beans.factory.annotation.Value("${civicdesk.collections.schedule.chunk:250}") int chunk) {
        this.workers = Math.max(1, workers);
        this.chunk = Math.max(1, chunk);
        org.springframework.jdbc.core.JdbcTemplate cursor = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        cursor.setFetchSize(FETCH);
        this.streaming = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.rules = rules;
        this.letters = letters;
        this.orders = orders;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The steps in force on the date (table collections_schedule_step). */
    List<Step> steps(LocalDate day) {
        return jdbc.sql("""
                select step, days_past_due, letter_template, field_order_type, notice_days, title from collections_schedule_step
                 where effective_from = (select max(effective_from) from collections_schedule_step where effective_from <= :d)
                 order by days_past_due""").param("d", day)
                .query((rs, n) -> new Step(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6))).list();
    }

    CollectionSchedulePolicy policy(LocalDate day) {
        return new CollectionSchedulePolicy(rules.on(day), steps(day));
    }

    /**
     * What each account owes past due on the date and the oldest unpaid due date, for accounts with a positive
     * balance in the utility-account receivables (limited to some accounts, or null for all), as a SQL source.
     */
    static final String OWED_SQL = """
            with rec as (
              select r.id, r.reference as account_number
                from ledger_receivable r join ledger_receivable_balance b on b.receivable_id = r.id
               where r.receivable_type = 'utility-account' and b.balance > 0 /*ONLY*/
            ), lines as (
              select rec.account_number, l.receivable_id, l.id, coalesce(l.due_date, e.business_date) as due, l.debit, l.credit
                from rec join ledger_journal_line l on l.receivable_id = rec.id
                join ledger_journal_entry e on e.id = l.entry_id
               where e.business_date <= :d
            ), paid as (
              select receivable_id, sum(credit) as paid from lines group by receivable_id
            ), charges as (
              select account_number, receivable_id, due, debit,
                     sum(debit) over (partition by receivable_id order by due, id) as cum
                from lines where debit > 0 and due < :d
            ), owed as (
              select c.account_number,
                     sum(least(c.debit, greatest(0, c.cum - coalesce(p.paid, 0)))) as past_due,
                     min(c.due) filter (where c.cum > coalesce(p.paid, 0)) as cycle_due
                from charges c left join paid p using (receivable_id)
               group by c.account_number
            )
            """;

    /** Some accounts only: every column of the receivable's unique index, so one account is an index lookup. */
    static final String ONLY_FILTER = "and r.fund_code = any(array(select code from ledger_fund)) and r.reference = any(cast(:only as text[]))";

    /** The steps of the cycle taken, skipped or resumed and not cancelled since: step=date, comma separated. */
    static final String DONE_SQL = """
            (select string_agg(s.step || '=' || s.on_date, ',') from (
               select ev.step, max(ev.business_date) as on_date from collection_step_event ev
                where ev.account_id = a.id and ev.cycle_due_date = o.cycle_due and ev.outcome in ('TAKEN', 'SKIPPED', 'RESUMED')
                  and not exists (select 1 from collection_step_event c where c.account_id = a.id and c.step = ev.step
                                    and c.outcome = 'CANCELLED' and c.id > ev.id)
                group by ev.step) s)
            """;

    private String candidatesSql(Collection<String> only) {
        String sql = OWED_SQL + """
                select a.id, a.account_number, a.account_class, o.past_due, o.cycle_due,
                       (select array_agg(distinct sa.service_type) from service_agreement sa where sa.account_id = a.id
                          and sa.start_date <= :d and (sa.end_date is null or sa.end_date > :d)) as services,
                       (select coalesce(sum(cc.disputed_amount), 0) from customer_case cc where cc.account_id = a.id
                          and cc.case_type = 'BILLING_DISPUTE' and cc.status in ('OPEN', 'IN_PROGRESS')) as disputed,
                       exists (select 1 from collections_protection p where p.account_id = a.id and p.kind = 'BANKRUPTCY'
                          and p.starts_on <= :d and (p.ended_on is null or p.ended_on > :d)) as bankruptcy,
                       (select max(p.starts_on) from collections_protection p where p.account_id = a.id
                          and p.kind = 'MEDICAL_CERTIFICATE' and p.starts_on <= :d and (p.ended_on is null or p.ended_on > :d)) as medical,
                       exists (select 1 from collections_arrangement ca where ca.account_id = a.id and ca.status = 'CURRENT') as arrangement,
                """ + DONE_SQL + """
                         as done
                  from owed o join account a on a.account_number = o.account_number
                 where o.past_due > 0 and o.cycle_due <= cast(:d as date) - :first
                 order by a.id""";
        return only == null ? sql : sql.replace("/*ONLY*/", ONLY_FILTER);
    }

    private Map<String, Object> candidateParams(LocalDate day, int firstStepDays, Collection<String> only) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("d", day);
        params.put("first", firstStepDays);
        if (only != null) {
            params.put("only", only.toArray(String[]::new));
        }
        return params;
    }

    private static Candidate candidate(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<String> services = new HashSet<>();
        java.sql.Array arr = rs.getArray("services");
        if (arr != null) {
            for (Object s : (Object[]) arr.getArray()) {
                services.add((String) s);
            }
        }
        return new Candidate(rs.getLong("id"), rs.getString("account_number"), rs.getString("account_class"),
                Money.of(rs.getBigDecimal("past_due")), rs.getObject("cycle_due", LocalDate.class), services,
                Money.of(rs.getBigDecimal("disputed")), rs.getBoolean("bankruptcy"),
                rs.getObject("medical", LocalDate.class), rs.getBoolean("arrangement"), done(rs.getString("done")));
    }

    private List<Candidate> candidates(LocalDate day, int firstStepDays, Collection<String> only) {
        return jdbc.sql(candidatesSql(only)).params(candidateParams(day, firstStepDays, only))
                .query((rs, n) -> candidate(rs)).list();
    }

    /**
     * Hands every candidate to the consumer as the rows arrive (a cursor of FETCH rows in a read-only transaction),
     * so a city of a million accounts is never held in memory; the count of candidates.
     */
    private int streamCandidates(LocalDate day, int firstStepDays, Collection<String> only,
            java.util.function.Consumer<Candidate> consumer) {
        Integer count = readOnly.execute(s -> {
            int[] n = {0};
            streaming.query(candidatesSql(only), candidateParams(day, firstStepDays, only), rs -> {
                n[0]++;
                consumer.accept(candidate(rs));
            });
            return n[0];
        });
        return count == null ? 0 : count;
    }

    static Map<String, LocalDate> done(String text) {
        Map<String, LocalDate> done = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] kv = part.split("=");
                done.put(kv[0], LocalDate.parse(kv[1]));
            }
        }
        return done;
    }

    Set<LocalDate> heatDays(LocalDate from, LocalDate to) {
        return new HashSet<>(jdbc.sql("select day from collections_heat_day where day between :f and :t")
                .param("f", from).param("t", to).query(LocalDate.class).list());
    }

    static CollectionSchedulePolicy.Facts facts(Candidate c, LocalDate day, int noticeDays, Set<LocalDate> heat) {
        LocalDate noticeEnd = day.plusDays(noticeDays);
        DisconnectEligibilityPolicy.Facts today = new DisconnectEligibilityPolicy.Facts(day, c.accountClass(), c.services(),
                c.pastDue(), c.disputed(), heat.contains(day), c.arrangementCurrent(), c.medicalCertificateOn(), c.bankruptcy());
        DisconnectEligibilityPolicy.Facts then = new DisconnectEligibilityPolicy.Facts(noticeEnd, c.accountClass(),
                c.services(), c.pastDue(), c.disputed(), heat.contains(noticeEnd), c.arrangementCurrent(),
                c.medicalCertificateOn(), c.bankruptcy());
        return new CollectionSchedulePolicy.Facts(day, c.cycleDueDate(), c.pastDue(), c.disputed(), c.bankruptcy(),
                c.arrangementCurrent(), c.stepsDone(), today, then);
    }

    /** A step to take for one account, decided from the set-based facts. */
    private record Taking(Candidate candidate, CollectionSchedulePolicy.Facts facts, Plan plan) {
    }

    /** What one run counts, from the job's thread and its workers. */
    private static final class Tally {
        final java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger letters = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger orders = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();

        void add(int[] made, Plan plan) {
            if (made[0] > 0) {
                taken.incrementAndGet();
                skipped.addAndGet(plan.passedOver().size());
                letters.addAndGet(made[1]);
                orders.addAndGet(made[2]);
            }
        }
    }

    /**
     * Runs the schedule of the business date.
     *
     * @param onlyAccounts limits the run to these account numbers, or null for all
     */
    Outcome run(LocalDate day, Collection<String> onlyAccounts) {
        CollectionSchedulePolicy policy = policy(day);
        if (policy.steps().isEmpty()) {
            return new Outcome(day, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        Step disconnect = policy.step(CollectionSchedulePolicy.DISCONNECT);
        int noticeDays = disconnect == null ? 0 : disconnect.noticeDays();
        Set<LocalDate> heat = heatDays(day, day.plusDays(noticeDays));
        Tally tally = new Tally();
        int[] held = {0};
        List<Object[]> holds = new ArrayList<>();
        List<Taking> pending = new ArrayList<>();
        String actor = actor();
        // chunks of steps are each a transaction of their own; a few at once (letters and orders wait on the database)
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(workers, workers, 1,
                java.util.concurrent.TimeUnit.MINUTES, new java.util.concurrent.ArrayBlockingQueue<>(workers * 2),
                new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
        int candidates;
        try {
            candidates = streamCandidates(day, policy.steps().get(0).daysPastDue(), onlyAccounts, c -> {
                CollectionSchedulePolicy.Facts f = facts(c, day, noticeDays, heat);
                Plan plan = policy.decide(f);
                switch (plan.outcome()) {
                    case NONE -> {
                    }
                    case HOLD -> {
                        holds.add(new Object[] {c.accountId(), c.accountNumber(), day, c.cycleDueDate(), plan.step().code(),
                                "HELD", (int) f.daysPastDue(), c.pastDue().amount(), String.join("\n", plan.reasons())});
                        if (holds.size() == BATCH) {
                            held[0] += writeHolds(holds);
                            holds.clear();
                        }
                    }
                    case TAKE -> {
                        pending.add(new Taking(c, f, plan));
                        if (pending.size() == chunk) {
                            List<Taking> batch = List.copyOf(pending);
                            pending.clear();
                            pool.execute(() -> AuditActor.runAs(actor, () -> takeChunk(batch, day, tally)));
                        }
                    }
                }
            });
            if (!pending.isEmpty()) {
                List<Taking> batch = List.copyOf(pending);
                pool.execute(() -> AuditActor.runAs(actor, () -> takeChunk(batch, day, tally)));
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(6, java.util.concurrent.TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        held[0] += writeHolds(holds);
        return new Outcome(day, candidates, candidates, tally.taken.get(), tally.skipped.get(), held[0],
                tally.letters.get(), tally.orders.get(), tally.failed.get());
    }

    /**
     * Takes a chunk of steps in one transaction; when it fails (one account's bad data), each step of the chunk
     * is taken again in a transaction of its own so that only the bad one is left for tomorrow.
     */
    private void takeChunk(List<Taking> batch, LocalDate day, Tally tally) {
        try {
            List<int[]> made = own.execute(s -> takeAll(batch, day));
            for (int i = 0; i < batch.size(); i++) {
                tally.add(made.get(i), batch.get(i).plan());
            }
        } catch (RuntimeException chunkFailed) {
            log.info("A chunk of {} collection steps on {} failed ({}); taking them one by one", batch.size(), day,
                    chunkFailed.getMessage());
            for (Taking t : batch) {
                try {
                    int[] made = own.execute(s -> takeAll(List.of(t), day)).get(0);
                    tally.add(made, t.plan());
                } catch (RuntimeException e) {
                    tally.failed.incrementAndGet();
                    log.warn("Collection step {} for account {} on {} not taken: {}", t.plan().step().code(),
                            t.candidate().accountNumber(), day, e.getMessage());
                }
            }
        }
    }

    private int writeHolds(List<Object[]> holds) {
        if (holds.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        String by = actor();
        // one statement per batch: the rows as arrays, unnested
        int n = holds.size();
        Long[] accounts = new Long[n];
        String[] numbers = new String[n];
        // dates and amounts travel as text (the driver sends String arrays as text[]), cast in SQL
        String[] days = new String[n];
        String[] cycles = new String[n];
        String[] steps = new String[n];
        Integer[] dpd = new Integer[n];
        String[] amounts = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Object[] h = holds.get(i);
            accounts[i] = (Long) h[0];
            numbers[i] = (String) h[1];
            days[i] = h[2].toString();
            cycles[i] = h[3].toString();
            steps[i] = (String) h[4];
            dpd[i] = (Integer) h[6];
            amounts[i] = ((BigDecimal) h[7]).toPlainString();
            reasons[i] = (String) h[8];
        }
        Integer written = own.execute(s -> jdbc.sql("""
                insert into collection_step_event (account_id, account_number, business_date, cycle_due_date, step,
                  outcome, days_past_due, past_due, reasons, created_at, created_by)
                select a, n, d, c, st, 'HELD', dp, pd, r, :at, :by
                  from unnest(cast(:a as bigint[]), cast(:n as text[]), cast(:d as date[]), cast(:c as date[]),
                              cast(:st as text[]), cast(:dp as int[]), cast(:pd as numeric[]), cast(:r as text[]))
                       as t(a, n, d, c, st, dp, pd, r)
                on conflict do nothing""")
                .param("a", accounts).param("n", numbers).param("d", days).param("c", cycles).param("st", steps)
                .param("dp", dpd).param("pd", amounts).param("r", reasons).param("at", now).param("by", by).update());
        return written == null ? 0 : written;
    }

    static String actor() {
        return AuditActor.override() != null ? AuditActor.override() : CurrentStaff.username().orElse("system");
    }

    /**
     * Takes the steps of many accounts (each account once): their letters, field orders, step rows (taken and
     * passed over) and audit records, a statement or a few each. Per step: letters made, orders made, or all zero
     * when the step was already taken on the day (a second run).
     */
    private List<int[]> takeAll(List<Taking> batch, LocalDate day) {
        Long[] accountIds = batch.stream().map(t -> t.candidate().accountId()).sorted().toArray(Long[]::new);
        // one job at a time per account (locked in id order, so two runs never wait on each other in a circle)
        jdbc.sql("select pg_advisory_xact_lock(60601, cast(a as int)) from unnest(cast(:a as bigint[])) as a order by a")
                .param("a", accountIds).query().listOfRows();
        Set<String> already = new HashSet<>(jdbc.sql("""
                select account_id || ':' || step from collection_step_event
                 where account_id = any(:a) and business_date = :d and outcome = 'TAKEN'""")
                .param("a", accountIds).param("d", day).query(String.class).list());
        List<Taking> todo = batch.stream()
                .filter(t -> !already.contains(t.candidate().accountId() + ":" + t.plan().step().code())).toList();
        List<int[]> result = new ArrayList<>(batch.size());
        if (todo.isEmpty()) {
            batch.forEach(t -> result.add(new int[] {0, 0, 0}));
            return result;
        }
        // letters, in the order of the steps that send one
        List<Letters.Request> letterRequests = new ArrayList<>();
        for (Taking t : todo) {
            Step step = t.plan().step();
            if (step.letterTemplate() != null) {
                letterRequests.add(new Letters.Request(t.candidate().accountId(), step.letterTemplate(),
                        Map.of("amount", t.candidate().pastDue().formatted(),
                                "dueDate", letterDate(step, t.facts(), day).toString()), LetterDelivery.AUTO));
            }
        }
        java.util.Iterator<Long> letterIds = letters.sendAll(letterRequests).iterator();
        // field orders: the agreements of the accounts that need some, then every order of the chunk at once
        Map<Long, List<Map<String, Object>>> agreements = agreements(todo.stream()
                .filter(t -> t.plan().step().fieldOrderType() != null).map(t -> t.candidate().accountId()).toList(), day);
        List<NewFieldOrder> newOrders = new ArrayList<>();
        List<Integer> ordersOf = new ArrayList<>();
        Map<String, Set<String>> disconnectable = new java.util.HashMap<>();
        for (Taking t : todo) {
            Candidate c = t.candidate();
            Plan plan = t.plan();
            Step step = plan.step();
            int before = newOrders.size();
            if (step.fieldOrderType() != null) {
                List<Map<String, Object>> ofAccount = agreements.getOrDefault(c.accountId(), List.of());
                if (CollectionSchedulePolicy.DOOR_HANGER.equals(step.code())) {
                    Long premise = ofAccount.stream().filter(a -> plan.services().contains((String) a.get("service_type")))
                            .map(a -> ((Number) a.get("premise_id")).longValue()).findFirst()
                            .orElse(ofAccount.isEmpty() ? null : ((Number) ofAccount.get(0).get("premise_id")).longValue());
                    if (premise == null) {
                        throw new IllegalStateException("no service agreement to hang a notice at, account " + c.accountNumber());
                    }
                    newOrders.add(new NewFieldOrder(step.fieldOrderType(), c.accountNumber(), premise, null, null, day,
                            "NORMAL", "48-hour notice: " + c.pastDue().formatted() + " past due; disconnect possible from "
                                    + day.plusDays(noticeDays(plan, t.facts())), ORDER_SOURCE,
                            "door-hanger:" + c.accountNumber() + ":" + day));
                } else {
                    disconnectable.put(c.accountNumber(), Set.copyOf(plan.services()));
                    for (String service : plan.services()) {
                        for (Map<String, Object> a : ofAccount) {
                            if (service.equals(a.get("service_type"))) {
                                newOrders.add(new NewFieldOrder(step.fieldOrderType(), c.accountNumber(),
                                        ((Number) a.get("premise_id")).longValue(), service, ((Number) a.get("id")).longValue(),
                                        day, "NORMAL", "Disconnect for non-payment: " + c.pastDue().formatted()
                                                + " past due since " + c.cycleDueDate(), ORDER_SOURCE,
                                        "disconnect:" + c.accountNumber() + ":" + service + ":" + day));
                            }
                        }
                    }
                }
            }
            ordersOf.add(newOrders.size() - before);
        }
        // the disconnects were just decided by the disconnect policy from this run's facts: field service is given
        // that decision (the services the policy allows today) instead of rebuilding each account's facts
        DisconnectProtection decided = (accountNumber, serviceType, on) -> {
            Set<String> allowed = disconnectable.get(accountNumber);
            if (allowed == null || !day.equals(on)) {
                return List.of("The collection schedule did not decide a disconnect of account " + accountNumber + " on " + on + ".");
            }
            return serviceType == null || allowed.contains(serviceType) ? List.of()
                    : List.of(serviceType + " may not be disconnected on " + on + ".");
        };
        java.util.Iterator<Long> orderIds = orders.createAll(newOrders, decided).iterator();
        Timestamp now = Timestamp.from(clock.instant());
        String by = actor();
        List<Object[]> rows = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>(todo.size());
        Map<Taking, int[]> made = new java.util.IdentityHashMap<>();
        for (int k = 0; k < todo.size(); k++) {
            Taking t = todo.get(k);
            Candidate c = t.candidate();
            Plan plan = t.plan();
            Step step = plan.step();
            Long letterId = step.letterTemplate() != null ? letterIds.next() : null;
            List<Long> ids = new ArrayList<>();
            for (int o = 0; o < ordersOf.get(k); o++) {
                ids.add(orderIds.next());
            }
            int days = (int) t.facts().daysPastDue();
            rows.add(new Object[] {c, step.code(), "TAKEN", days, String.join("\n", plan.reasons()), letterId,
                    ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"))});
            for (Step passed : plan.passedOver()) {
                rows.add(new Object[] {c, passed.code(), "SKIPPED", days, "Passed over: on day " + days
                        + " the account is already at the step " + step.title().toLowerCase() + " (day "
                        + step.daysPastDue() + " or later).", null, null});
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("step", step.code());
            after.put("businessDate", day.toString());
            after.put("pastDue", c.pastDue().toString());
            after.put("daysPastDue", days);
            after.put("letter", letterId);
            after.put("fieldOrders", ids);
            after.put("passedOver", plan.passedOver().stream().map(Step::code).toList());
            changes.add(new AuditTrail.Change(c.accountNumber(), null, after));
            made.put(t, new int[] {1, letterId == null ? 0 : 1, ids.size()});
        }
        jdbc.sql("""
                insert into collection_step_event (account_id, account_number, business_date, cycle_due_date, step, outcome,
                  days_past_due, past_due, reasons, letter_id, field_order_ids, created_at, created_by)
                select a, n, :d, c, st, o, dp, pd, r, l, cast(fo as bigint[]), :at, :by
                  from unnest(cast(:a as bigint[]), cast(:n as text[]), cast(:c as date[]), cast(:st as text[]),
                              cast(:o as text[]), cast(:dp as int[]), cast(:pd as numeric[]), cast(:r as text[]),
                              cast(:l as bigint[]), cast(:fo as text[])) with ordinality as t(a, n, c, st, o, dp, pd, r, l, fo, k)
                 order by k""")
                .param("a", rows.stream().map(r -> ((Candidate) r[0]).accountId()).toArray(Long[]::new))
                .param("n", rows.stream().map(r -> ((Candidate) r[0]).accountNumber()).toArray(String[]::new))
                .param("c", rows.stream().map(r -> ((Candidate) r[0]).cycleDueDate().toString()).toArray(String[]::new))
                .param("st", rows.stream().map(r -> (String) r[1]).toArray(String[]::new))
                .param("o", rows.stream().map(r -> (String) r[2]).toArray(String[]::new))
                .param("dp", rows.stream().map(r -> (Integer) r[3]).toArray(Integer[]::new))
                .param("pd", rows.stream().map(r -> ((Candidate) r[0]).pastDue().amount().toPlainString()).toArray(String[]::new))
                .param("r", rows.stream().map(r -> (String) r[4]).toArray(String[]::new))
                .param("l", rows.stream().map(r -> (Long) r[5]).toArray(Long[]::new))
                .param("fo", rows.stream().map(r -> (String) r[6]).toArray(String[]::new))
                .param("d", day).param("at", now).param("by", by).update();
        audit.recordChanges("account", "collection-step-taken", changes);
        for (Taking t : batch) {
            result.add(made.getOrDefault(t, new int[] {0, 0, 0}));
        }
        return result;
    }

    private static int noticeDays(Plan plan, CollectionSchedulePolicy.Facts f) {
        return (int) java.time.temporal.ChronoUnit.DAYS.between(f.today(), f.disconnectAtNoticeEnd().today());
    }

    /** The date a step's letter names: since when (reminder), pay by (final notice), disconnect from (notice). */
    private static LocalDate letterDate(Step step, CollectionSchedulePolicy.Facts f, LocalDate day) {
        return switch (step.code()) {
            case CollectionSchedulePolicy.REMINDER -> f.cycleDueDate();
            case CollectionSchedulePolicy.DOOR_HANGER -> f.disconnectAtNoticeEnd().today();
            default -> day.plusDays(10);
        };
    }

    /** The agreements in service on the day of many accounts, by account, disconnectable services first. */
    Map<Long, List<Map<String, Object>>> agreements(List<Long> accountIds, LocalDate day) {
        Map<Long, List<Map<String, Object>>> byAccount = new java.util.HashMap<>();
        if (accountIds.isEmpty()) {
            return byAccount;
        }
        jdbc.sql("""
                select account_id, id, premise_id, service_type from service_agreement
                 where account_id = any(:a) and start_date <= :d and (end_date is null or end_date > :d)
                 order by account_id, case service_type when 'ELECTRIC' then 0 when 'GAS' then 1 when 'WATER' then 2 else 3 end, id""")
                .param("a", accountIds.toArray(Long[]::new)).param("d", day).query().listOfRows()
                .forEach(row -> byAccount.computeIfAbsent(((Number) row.get("account_id")).longValue(), a -> new ArrayList<>())
                        .add(row));
        return byAccount;
    }

    /** The account's agreements in service on the day, disconnectable services first. */
    List<Map<String, Object>> agreements(long accountId, LocalDate day) {
        return jdbc.sql("""
                select id, premise_id, service_type from service_agreement
                 where account_id = :a and start_date <= :d and (end_date is null or end_date > :d)
                 order by case service_type when 'ELECTRIC' then 0 when 'GAS' then 1 when 'WATER' then 2 else 3 end, id""")
                .param("a", accountId).param("d", day).query().listOfRows();
    }

    // ---- what the account screen and the payment hooks read

    /** The account's past due and cycle on the day, or null when nothing is past due. */
    Candidate standing(String accountNumber, LocalDate day) {
        List<Candidate> found = candidates(day, 0, List.of(accountNumber));
        return found.isEmpty() ? null : found.get(0);
    }

    List<Event> history(long accountId, int limit) {
        return jdbc.sql("""
                select * from collection_step_event where account_id = :a order by business_date desc, id desc limit :l""")
                .param("a", accountId).param("l", limit)
                .query((rs, n) -> {
                    java.sql.Array ids = rs.getArray("field_order_ids");
                    List<Long> orderIds = new ArrayList<>();
                    if (ids != null) {
                        for (Object o : (Object[]) ids.getArray()) {
                            orderIds.add(((Number) o).longValue());
                        }
                    }
                    BigDecimal pd = rs.getBigDecimal("past_due");
                    return new Event(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                            rs.getObject("cycle_due_date", LocalDate.class), rs.getString("step"), rs.getString("outcome"),
                            (Integer) rs.getObject("days_past_due"), pd == null ? null : Money.of(pd),
                            List.of(rs.getString("reasons").split("\n")), (Long) rs.getObject("letter_id"), orderIds,
                            (Long) rs.getObject("payment_id"), rs.getString("created_by"));
                }).list();
    }

    CollectionsRules rulesOn(LocalDate day) {
        return rules.on(day);
    }
}
