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
import org.civicdesk.fieldservice.FieldOrder;
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
 * the charges that fell due first, as the ledger's aging does) with what the policies look at; the
 * {@link CollectionSchedulePolicy} decides each in memory; held steps are written in batches, and each step
 * taken (letter, field orders, its row and the skipped steps before it) is one transaction of its own.
 * Idempotent by business date: a step taken or skipped in the cycle is not looked at again, and one row per
 * account, date, step and outcome is allowed.
 */
@Service
class CollectionSchedule {

    static final String ORDER_SOURCE = "collections";
    private static final Logger log = LoggerFactory.getLogger(CollectionSchedule.class);
    private static final int BATCH = 1000;

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

    CollectionSchedule(JdbcClient jdbc, RulesBook rules, Letters letters, FieldOrders orders, AuditTrail audit,
            TransactionTemplate tx, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${civicdesk.collections.schedule.workers:4}") int workers) {
        this.workers = Math.max(1, workers);
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

    private List<Candidate> candidates(LocalDate day, int firstStepDays, Collection<String> only) {
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
        var spec = jdbc.sql(only == null ? sql : sql.replace("/*ONLY*/", ONLY_FILTER)).param("d", day)
                .param("first", firstStepDays);
        if (only != null) {
            spec = spec.param("only", only.toArray(String[]::new));
        }
        return spec
                .query((rs, n) -> {
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
                }).list();
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
        List<Candidate> candidates = tx.execute(s -> candidates(day, policy.steps().get(0).daysPastDue(), onlyAccounts));
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger letterCount = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger orderCount = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        int held = 0;
        List<Object[]> holds = new ArrayList<>();
        String actor = actor();
        // steps taken are each a transaction of their own; a few at once (letters and orders wait on the database)
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(workers, workers, 1,
                java.util.concurrent.TimeUnit.MINUTES, new java.util.concurrent.ArrayBlockingQueue<>(workers * 4),
                new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
        try {
            for (Candidate c : candidates) {
                CollectionSchedulePolicy.Facts f = facts(c, day, noticeDays, heat);
                Plan plan = policy.decide(f);
                switch (plan.outcome()) {
                    case NONE -> {
                    }
                    case HOLD -> {
                        holds.add(new Object[] {c.accountId(), c.accountNumber(), day, c.cycleDueDate(), plan.step().code(),
                                "HELD", (int) f.daysPastDue(), c.pastDue().amount(), String.join("\n", plan.reasons())});
                        if (holds.size() == BATCH) {
                            held += writeHolds(holds);
                            holds.clear();
                        }
                    }
                    case TAKE -> pool.execute(() -> AuditActor.runAs(actor, () -> {
                        try {
                            int[] made = tx.execute(s -> take(c, f, plan, day));
                            if (made != null && made[0] > 0) {
                                taken.incrementAndGet();
                                skipped.addAndGet(plan.passedOver().size());
                                letterCount.addAndGet(made[1]);
                                orderCount.addAndGet(made[2]);
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            log.warn("Collection step {} for account {} on {} not taken: {}", plan.step().code(),
                                    c.accountNumber(), day, e.getMessage());
                        }
                    }));
                }
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(6, java.util.concurrent.TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        held += writeHolds(holds);
        return new Outcome(day, candidates.size(), candidates.size(), taken.get(), skipped.get(), held, letterCount.get(),
                orderCount.get(), failed.get());
    }

    private static final String INSERT_EVENT = """
            insert into collection_step_event (account_id, account_number, business_date, cycle_due_date, step, outcome,
              days_past_due, past_due, reasons, letter_id, field_order_ids, payment_id, created_at, created_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

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
        Integer written = tx.execute(s -> jdbc.sql("""
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

    /** Takes one step for one account: letter, field orders, the row and the rows of the steps passed over. */
    private int[] take(Candidate c, CollectionSchedulePolicy.Facts f, Plan plan, LocalDate day) {
        jdbc.sql("select pg_advisory_xact_lock(60601, cast(:a as int))").param("a", c.accountId()).query().listOfRows();
        boolean already = jdbc.sql("""
                select exists (select 1 from collection_step_event where account_id = :a and business_date = :d
                                 and step = :s and outcome = 'TAKEN')""")
                .param("a", c.accountId()).param("d", day).param("s", plan.step().code()).query(Boolean.class).single();
        if (already) {
            return new int[] {0, 0, 0};
        }
        Step step = plan.step();
        Long letterId = null;
        if (step.letterTemplate() != null) {
            letterId = letters.send(c.accountId(), step.letterTemplate(), Map.of("amount", c.pastDue().formatted(),
                    "dueDate", letterDate(step, f, day).toString()), LetterDelivery.AUTO).id();
        }
        List<Long> orderIds = new ArrayList<>();
        if (step.fieldOrderType() != null) {
            List<Map<String, Object>> agreements = agreements(c.accountId(), day);
            if (CollectionSchedulePolicy.DOOR_HANGER.equals(step.code())) {
                Long premise = agreements.stream().filter(a -> plan.services().contains((String) a.get("service_type")))
                        .map(a -> ((Number) a.get("premise_id")).longValue()).findFirst()
                        .orElse(agreements.isEmpty() ? null : ((Number) agreements.get(0).get("premise_id")).longValue());
                if (premise == null) {
                    throw new IllegalStateException("no service agreement to hang a notice at");
                }
                FieldOrder o = orders.create(new NewFieldOrder(step.fieldOrderType(), c.accountNumber(), premise, null, null,
                        day, "NORMAL", "48-hour notice: " + c.pastDue().formatted() + " past due; disconnect possible from "
                                + day.plusDays(noticeDays(plan, f)), ORDER_SOURCE,
                        "door-hanger:" + c.accountNumber() + ":" + day));
                orderIds.add(o.id());
            } else {
                for (String service : plan.services()) {
                    for (Map<String, Object> a : agreements) {
                        if (service.equals(a.get("service_type"))) {
                            FieldOrder o = orders.create(new NewFieldOrder(step.fieldOrderType(), c.accountNumber(),
                                    ((Number) a.get("premise_id")).longValue(), service, ((Number) a.get("id")).longValue(),
                                    day, "NORMAL", "Disconnect for non-payment: " + c.pastDue().formatted() + " past due since "
                                            + c.cycleDueDate(), ORDER_SOURCE,
                                    "disconnect:" + c.accountNumber() + ":" + service + ":" + day));
                            orderIds.add(o.id());
                        }
                    }
                }
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        String by = actor();
        int days = (int) f.daysPastDue();
        jdbc.sql(INSERT_EVENT).params(c.accountId(), c.accountNumber(), day, c.cycleDueDate(), step.code(), "TAKEN", days,
                c.pastDue().amount(), String.join("\n", plan.reasons()), letterId,
                orderIds.isEmpty() ? null : orderIds.toArray(Long[]::new), null, now, by).update();
        for (Step passed : plan.passedOver()) {
            jdbc.sql(INSERT_EVENT).params(c.accountId(), c.accountNumber(), day, c.cycleDueDate(), passed.code(), "SKIPPED",
                    days, c.pastDue().amount(), "Passed over: on day " + days + " the account is already at the step "
                            + step.title().toLowerCase() + " (day " + step.daysPastDue() + " or later).",
                    null, null, null, now, by).update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("step", step.code());
        after.put("businessDate", day.toString());
        after.put("pastDue", c.pastDue().toString());
        after.put("daysPastDue", days);
        after.put("letter", letterId);
        after.put("fieldOrders", orderIds);
        after.put("passedOver", plan.passedOver().stream().map(Step::code).toList());
        audit.recordChange("account", c.accountNumber(), "collection-step-taken", null, after);
        return new int[] {1, letterId == null ? 0 : 1, orderIds.size()};
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
