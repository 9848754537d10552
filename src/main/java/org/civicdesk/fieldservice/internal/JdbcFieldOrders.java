package org.civicdesk.fieldservice.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.ServiceConnections;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrderCompleted;
import org.civicdesk.fieldservice.FieldOrderStatus;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.DisconnectProtection;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.fieldservice.internal.FieldOrderLifecycle.Step;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.identity.StaffDirectory;
import org.civicdesk.metering.FieldReads;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Field orders in SQL. Every action locks the order row, asks {@link FieldOrderLifecycle}, then writes the
 * order, one field_order_event and the audit record in one transaction; completion feeds its read and the
 * connection state back in that same transaction, so a refusal from metering leaves nothing written.
 */
@Service
class JdbcFieldOrders implements FieldOrders {

    /** Source of orders made by staff or by API without a key of their own. */
    static final String SOURCE_STAFF = "staff";
    /** Work is due by the end of the working day it is requested for. */
    static final LocalTime DUE_AT = LocalTime.of(17, 0);
    /** An emergency is due within this long of its creation, at the latest. */
    static final Duration EMERGENCY_WITHIN = Duration.ofHours(4);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Premises premises;
    private final ServiceConnections connections;
    private final FieldReads reads;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<DisconnectProtection> protections;

    JdbcFieldOrders(JdbcClient jdbc, Accounts accounts, Premises premises, ServiceConnections connections,
            FieldReads reads, StaffDirectory staff, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
            List<DisconnectProtection> protections) {
        this.protections = protections;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.premises = premises;
        this.connections = connections;
        this.reads = reads;
        this.staff = staff;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    static String actor() {
        return AuditActor.override() != null ? AuditActor.override() : CurrentStaff.username().orElse("system");
    }

    // ---- reading

    static final String ORDER_SQL = """
            select o.*, t.title as type_title, t.needs_read, t.read_type,
                   (o.status not in ('COMPLETED', 'FAILED', 'CANCELLED') and o.due_by < :now) as overdue
              from field_order o join field_order_type t on t.code = o.order_type
            """;

    static FieldOrder map(ResultSet rs, int row) throws SQLException {
        return new FieldOrder(rs.getLong("id"), rs.getString("order_type"), rs.getString("type_title"),
                rs.getBoolean("needs_read"), rs.getLong("account_id"), rs.getString("account_number"),
                rs.getLong("premise_id"), rs.getString("premise_address"), rs.getString("area"),
                (Long) rs.getObject("service_agreement_id"), rs.getString("service_type"), rs.getString("meter_number"),
                rs.getObject("requested_date", LocalDate.class), rs.getObject("scheduled_for", LocalDate.class),
                rs.getTimestamp("due_by").toInstant(), rs.getString("priority"),
                FieldOrderStatus.valueOf(rs.getString("status")), rs.getString("assigned_to"), rs.getString("note"),
                rs.getString("status_reason"), rs.getBigDecimal("completion_reading"),
                (Long) rs.getObject("completion_read_id"), rs.getString("source"), rs.getString("source_reference"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("status_changed_at").toInstant(), rs.getString("status_changed_by"),
                rs.getBoolean("overdue"));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public FieldOrder order(long orderId) {
        return jdbc.sql(ORDER_SQL + " where o.id = :id").param("now", now()).param("id", orderId)
                .query(JdbcFieldOrders::map).optional()
                .orElseThrow(() -> new RecordNotFound("orderId", "no field order " + orderId));
    }

    @Override
    @Transactional(readOnly = true)
    public FieldOrder.WithHistory withHistory(long orderId) {
        FieldOrder order = order(orderId);
        List<FieldOrder.Step> steps = jdbc.sql("""
                select step, from_status, to_status, assigned_to, note, occurred_at, actor from field_order_event
                 where order_id = :id order by id""").param("id", orderId)
                .query((rs, n) -> new FieldOrder.Step(rs.getString(1),
                        rs.getString(2) == null ? null : FieldOrderStatus.valueOf(rs.getString(2)),
                        FieldOrderStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7)))
                .list();
        return new FieldOrder.WithHistory(order, steps);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<FieldOrder> bySource(String source, String sourceReference) {
        return jdbc.sql(ORDER_SQL + " where o.source = :s and o.source_reference = :r").param("now", now())
                .param("s", source).param("r", sourceReference).query(JdbcFieldOrders::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<FieldOrder> ofAccount(long accountId, int limit) {
        return jdbc.sql(ORDER_SQL + " where o.account_id = :a order by o.id desc limit :limit").param("now", now())
                .param("a", accountId).param("limit", limit).query(JdbcFieldOrders::map).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<FieldOrder> openOfAccount(long accountId, String type) {
        return jdbc.sql(ORDER_SQL + """
                 where o.account_id = :a and o.status not in ('COMPLETED', 'FAILED', 'CANCELLED')
                   and (cast(:t as text) is null or o.order_type = :t) order by o.id""")
                .param("now", now()).param("a", accountId).param("t", type).query(JdbcFieldOrders::map).list();
    }

    @Override
    public java.util.Set<Long> accountsWithOpenOrders(java.util.Collection<Long> accountIds,
            java.util.Collection<String> types) {
        if (accountIds.isEmpty() || types.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct o.account_id from field_order o
                 where o.account_id = any(:a) and o.order_type = any(:t)
                   and o.status not in ('COMPLETED', 'FAILED', 'CANCELLED')""")
                .param("a", accountIds.toArray(Long[]::new)).param("t", types.toArray(String[]::new))
                .query(Long.class).list());
    }

    // ---- creating

    private record TypeRow(String code, String title, boolean needsRead) {
    }

    private Optional<TypeRow> type(String code) {
        return jdbc.sql("select code, title, needs_read from field_order_type where code = :c").param("c", code)
                .query((rs, n) -> new TypeRow(rs.getString(1), rs.getString(2), rs.getBoolean(3))).optional();
    }

    @Override
    @Transactional
    public FieldOrder create(NewFieldOrder o) {
        String source = o.source() == null || o.source().isBlank() ? SOURCE_STAFF : o.source().trim();
        String reference = o.sourceReference() == null || o.sourceReference().isBlank() ? UUID.randomUUID().toString()
                : o.sourceReference().trim();
        Optional<FieldOrder> existing = bySource(source, reference);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (o.type() == null || type(o.type()).isEmpty()) {
            problems.add(new FieldProblem("type", "unknown order type " + o.type()));
        }
        Long accountId = null;
        Optional<AccountNumber> number = AccountNumber.parse(o.accountNumber() == null ? "" : o.accountNumber());
        if (number.isEmpty()) {
            problems.add(new FieldProblem("accountNumber", "not an account number: " + o.accountNumber()));
        } else {
            try {
                accountId = accounts.idOf(number.get());
            } catch (RecordNotFound e) {
                problems.add(new FieldProblem("accountNumber", "no account " + number.get().value()));
            }
        }
        PremiseDetails premise = null;
        try {
            premise = premises.premise(o.premiseId());
        } catch (RecordNotFound e) {
            problems.add(new FieldProblem("premiseId", "no premise " + o.premiseId()));
        }
        if (o.requestedDate() == null) {
            problems.add(new FieldProblem("requestedDate", "the day the work is wanted is required"));
        }
        String priority = o.priority() == null || o.priority().isBlank() ? "NORMAL" : o.priority().trim().toUpperCase();
        if (!List.of("NORMAL", "HIGH", "EMERGENCY").contains(priority)) {
            problems.add(new FieldProblem("priority", "priority is NORMAL, HIGH or EMERGENCY, not " + o.priority()));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("field-order.invalid", problems.get(0).reason(), problems);
        }
        if (FieldOrderTypes.DISCONNECT_NONPAY.equals(o.type())) {
            // a protected account is refused with the policy's reasons before anything is written
            for (DisconnectProtection p : protections) {
                List<String> why = p.refusal(number.get().value(), o.serviceType(), o.requestedDate());
                if (!why.isEmpty()) {
                    throw new BusinessRuleViolation("field-order.disconnect-protected",
                            "Account " + number.get().value() + " may not be disconnected on " + o.requestedDate() + ": "
                                    + String.join(" ", why),
                            why.stream().map(r -> new FieldProblem("type", r)).toList());
                }
            }
        }
        Instant created = clock.instant();
        Instant dueBy = o.requestedDate().atTime(DUE_AT).atZone(clock.getZone()).toInstant();
        if ("EMERGENCY".equals(priority) && dueBy.isAfter(created.plus(EMERGENCY_WITHIN))) {
            dueBy = created.plus(EMERGENCY_WITHIN);
        }
        String meter = o.serviceType() == null ? null
                : reads.meterAt(premise.id(), o.serviceType(), o.requestedDate()).orElse(null);
        Long id = jdbc.sql("""
                insert into field_order (order_type, account_id, account_number, premise_id, premise_address, area,
                  service_agreement_id, service_type, meter_number, requested_date, due_by, priority, note, source,
                  source_reference, created_at, created_by, status_changed_at, status_changed_by)
                values (:type, :account, :number, :premise, :address, :area, :agreement, :service, :meter, :requested,
                  :due, :priority, :note, :source, :ref, :at, :by, :at, :by)
                on conflict (source, source_reference) do nothing returning id""")
                .param("type", o.type()).param("account", accountId).param("number", number.get().value())
                .param("premise", premise.id()).param("address", premise.address()).param("area", premise.route())
                .param("agreement", o.agreementId()).param("service", o.serviceType()).param("meter", meter)
                .param("requested", o.requestedDate()).param("due", Timestamp.from(dueBy)).param("priority", priority)
                .param("note", blankToNull(o.note())).param("source", source).param("ref", reference)
                .param("at", Timestamp.from(created)).param("by", actor())
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            // made by a concurrent call with the same key
            return bySource(source, reference).orElseThrow();
        }
        event(id, "CREATED", null, FieldOrderStatus.CREATED, null, blankToNull(o.note()));
        FieldOrder made = order(id);
        audit.recordChange("field_order", Long.toString(id), "created", null, summary(made));
        return made;
    }

    @Override
    @Transactional
    public List<Long> createAll(List<NewFieldOrder> orders, DisconnectProtection decided) {
        if (orders.isEmpty()) {
            return List.of();
        }
        int n = orders.size();
        String[] sources = new String[n];
        String[] references = new String[n];
        for (int i = 0; i < n; i++) {
            NewFieldOrder o = orders.get(i);
            sources[i] = o.source() == null || o.source().isBlank() ? SOURCE_STAFF : o.source().trim();
            references[i] = o.sourceReference() == null || o.sourceReference().isBlank() ? UUID.randomUUID().toString()
                    : o.sourceReference().trim();
        }
        Map<String, Long> existing = new java.util.HashMap<>();
        jdbc.sql("""
                select o.source, o.source_reference, o.id from field_order o
                  join unnest(:s, :r) as k(source, reference) on o.source = k.source and o.source_reference = k.reference""")
                .param("s", sources).param("r", references)
                .query((rs, row) -> existing.put(rs.getString(1) + "\n" + rs.getString(2), rs.getLong(3))).list();
        Set<String> types = new java.util.HashSet<>(jdbc.sql("select code from field_order_type").query(String.class).list());
        // the accounts and premises of the chunk in one query each (read only; the address and route go on the order)
        String[] numbers = orders.stream().map(o -> o.accountNumber() == null ? "" : o.accountNumber().trim())
                .distinct().toArray(String[]::new);
        Map<String, Long> accountIds = new java.util.HashMap<>();
        jdbc.sql("select account_number, id from account where account_number = any(:n)").param("n", numbers)
                .query((rs, row) -> accountIds.put(rs.getString(1), rs.getLong(2))).list();
        record PremiseRow(String address, String route) {
        }
        Map<Long, PremiseRow> premiseRows = new java.util.HashMap<>();
        jdbc.sql("""
                select id, address_line1 || coalesce(' ' || nullif(unit, ''), '') || ', ' || city || ', ' || state || ' ' || zip,
                       route from premise where id = any(:p)""")
                .param("p", orders.stream().map(NewFieldOrder::premiseId).distinct().toArray(Long[]::new))
                .query((rs, row) -> premiseRows.put(rs.getLong(1), new PremiseRow(rs.getString(2), rs.getString(3)))).list();
        Instant created = clock.instant();
        List<Integer> fresh = new ArrayList<>();
        List<String> priorities = new ArrayList<>(java.util.Collections.nCopies(n, null));
        List<Timestamp> dues = new ArrayList<>(java.util.Collections.nCopies(n, null));
        List<String> meters = new ArrayList<>(java.util.Collections.nCopies(n, null));
        Set<String> inThisCall = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            NewFieldOrder o = orders.get(i);
            String key = sources[i] + "\n" + references[i];
            if (existing.containsKey(key) || !inThisCall.add(key)) {
                continue;
            }
            String at = "orders[" + i + "].";
            List<FieldProblem> problems = new ArrayList<>();
            if (o.type() == null || !types.contains(o.type())) {
                problems.add(new FieldProblem(at + "type", "unknown order type " + o.type()));
            }
            String number = o.accountNumber() == null ? "" : o.accountNumber().trim();
            if (AccountNumber.parse(number).isEmpty()) {
                problems.add(new FieldProblem(at + "accountNumber", "not an account number: " + o.accountNumber()));
            } else if (!accountIds.containsKey(number)) {
                problems.add(new FieldProblem(at + "accountNumber", "no account " + number));
            }
            if (!premiseRows.containsKey(o.premiseId())) {
                problems.add(new FieldProblem(at + "premiseId", "no premise " + o.premiseId()));
            }
            if (o.requestedDate() == null) {
                problems.add(new FieldProblem(at + "requestedDate", "the day the work is wanted is required"));
            }
            String priority = o.priority() == null || o.priority().isBlank() ? "NORMAL" : o.priority().trim().toUpperCase();
            if (!List.of("NORMAL", "HIGH", "EMERGENCY").contains(priority)) {
                problems.add(new FieldProblem(at + "priority", "priority is NORMAL, HIGH or EMERGENCY, not " + o.priority()));
            }
            if (!problems.isEmpty()) {
                throw new BusinessRuleViolation("field-order.invalid", problems.get(0).reason(), problems);
            }
            if (FieldOrderTypes.DISCONNECT_NONPAY.equals(o.type())) {
                List<String> why = decided.refusal(number, o.serviceType(), o.requestedDate());
                if (!why.isEmpty()) {
                    throw new BusinessRuleViolation("field-order.disconnect-protected",
                            "Account " + number + " may not be disconnected on " + o.requestedDate() + ": "
                                    + String.join(" ", why),
                            why.stream().map(r -> new FieldProblem(at + "type", r)).toList());
                }
            }
            Instant dueBy = o.requestedDate().atTime(DUE_AT).atZone(clock.getZone()).toInstant();
            if ("EMERGENCY".equals(priority) && dueBy.isAfter(created.plus(EMERGENCY_WITHIN))) {
                dueBy = created.plus(EMERGENCY_WITHIN);
            }
            priorities.set(i, priority);
            dues.set(i, Timestamp.from(dueBy));
            meters.set(i, o.serviceType() == null ? null
                    : reads.meterAt(o.premiseId(), o.serviceType(), o.requestedDate()).orElse(null));
            fresh.add(i);
        }
        Long[] ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = existing.get(sources[i] + "\n" + references[i]);
        }
        if (!fresh.isEmpty()) {
            String by = actor();
            Timestamp at = Timestamp.from(created);
            // returns the key of each row made; a row made meanwhile by a concurrent call is read afterwards
            Map<String, Long> made = new java.util.HashMap<>();
            jdbc.sql("""
                    insert into field_order (order_type, account_id, account_number, premise_id, premise_address, area,
                      service_agreement_id, service_type, meter_number, requested_date, due_by, priority, note, source,
                      source_reference, created_at, created_by, status_changed_at, status_changed_by)
                    select ty, acc, num, pr, addr, area, ag, svc, mt, req, due, pri, nt, src, ref, :at, :by, :at, :by
                      from unnest(:ty, :acc, :num, :pr, :addr, :area, :ag, :svc, :mt, cast(:req as date[]), cast(:due as timestamptz[]),
                                  :pri, :nt, :src, :ref)
                           with ordinality as t(ty, acc, num, pr, addr, area, ag, svc, mt, req, due, pri, nt, src, ref, k)
                     order by k
                    on conflict (source, source_reference) do nothing
                    returning source, source_reference, id""")
                    .param("ty", fresh.stream().map(i -> orders.get(i).type()).toArray(String[]::new))
                    .param("acc", fresh.stream().map(i -> accountIds.get(orders.get(i).accountNumber().trim())).toArray(Long[]::new))
                    .param("num", fresh.stream().map(i -> orders.get(i).accountNumber().trim()).toArray(String[]::new))
                    .param("pr", fresh.stream().map(i -> orders.get(i).premiseId()).toArray(Long[]::new))
                    .param("addr", fresh.stream().map(i -> premiseRows.get(orders.get(i).premiseId()).address()).toArray(String[]::new))
                    .param("area", fresh.stream().map(i -> premiseRows.get(orders.get(i).premiseId()).route()).toArray(String[]::new))
                    .param("ag", fresh.stream().map(i -> orders.get(i).agreementId()).toArray(Long[]::new))
                    .param("svc", fresh.stream().map(i -> orders.get(i).serviceType()).toArray(String[]::new))
                    .param("mt", fresh.stream().map(meters::get).toArray(String[]::new))
                    .param("req", fresh.stream().map(i -> orders.get(i).requestedDate().toString()).toArray(String[]::new))
                    .param("due", fresh.stream().map(i -> dues.get(i).toInstant().toString()).toArray(String[]::new))
                    .param("pri", fresh.stream().map(priorities::get).toArray(String[]::new))
                    .param("nt", fresh.stream().map(i -> blankToNull(orders.get(i).note())).toArray(String[]::new))
                    .param("src", fresh.stream().map(i -> sources[i]).toArray(String[]::new))
                    .param("ref", fresh.stream().map(i -> references[i]).toArray(String[]::new))
                    .param("at", at).param("by", by)
                    .query((rs, row) -> made.put(rs.getString(1) + "\n" + rs.getString(2), rs.getLong(3))).list();
            List<Integer> inserted = fresh.stream().filter(i -> made.containsKey(sources[i] + "\n" + references[i])).toList();
            jdbc.sql("""
                    insert into field_order_event (order_id, step, from_status, to_status, note, occurred_at, actor)
                    select o, 'CREATED', null, 'CREATED', nt, :at, :by from unnest(:o, :nt) with ordinality as t(o, nt, k)
                     order by k""")
                    .param("o", inserted.stream().map(i -> made.get(sources[i] + "\n" + references[i])).toArray(Long[]::new))
                    .param("nt", inserted.stream().map(i -> blankToNull(orders.get(i).note())).toArray(String[]::new))
                    .param("at", now()).param("by", by).update();
            List<AuditTrail.Change> changes = new ArrayList<>(inserted.size());
            for (int i : inserted) {
                NewFieldOrder o = orders.get(i);
                long id = made.get(sources[i] + "\n" + references[i]);
                // the summary of a new order, as summary(order) writes it for one made by create
                changes.add(new AuditTrail.Change(Long.toString(id), null, o.type() + " for account "
                        + o.accountNumber().trim() + " at " + premiseRows.get(o.premiseId()).address()
                        + (o.serviceType() == null ? "" : " (" + o.serviceType() + ")") + ", requested "
                        + o.requestedDate() + ", " + FieldOrderStatus.CREATED));
            }
            audit.recordChanges("field_order", "created", changes);
            for (int i : fresh) {
                Long id = made.get(sources[i] + "\n" + references[i]);
                ids[i] = id != null ? id : bySource(sources[i], references[i]).orElseThrow().id();
            }
        }
        for (int i = 0; i < n; i++) {
            if (ids[i] == null) {
                // the same key twice in one call: the first one's order
                ids[i] = bySource(sources[i], references[i]).orElseThrow().id();
            }
        }
        return List.of(ids);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String summary(FieldOrder o) {
        return o.type() + " for account " + o.accountNumber() + " at " + o.premiseAddress()
                + (o.serviceType() == null ? "" : " (" + o.serviceType() + ")") + ", requested " + o.requestedDate()
                + ", " + o.status() + (o.assignedTo() == null ? "" : ", assigned to " + o.assignedTo())
                + (o.scheduledFor() == null ? "" : ", scheduled " + o.scheduledFor())
                + (o.statusReason() == null ? "" : ", reason: " + o.statusReason());
    }

    private void event(long orderId, String step, FieldOrderStatus from, FieldOrderStatus to, String assignedTo,
            String note) {
        jdbc.sql("""
                insert into field_order_event (order_id, step, from_status, to_status, assigned_to, note, occurred_at, actor)
                values (:o, :step, :from, :to, :assigned, :note, :at, :by)""")
                .param("o", orderId).param("step", step).param("from", from == null ? null : from.name())
                .param("to", to.name()).param("assigned", assignedTo).param("note", note).param("at", now())
                .param("by", actor()).update();
    }

    // ---- steps

    private FieldOrder lock(long orderId) {
        jdbc.sql("select id from field_order where id = :id for update").param("id", orderId).query(Long.class)
                .optional().orElseThrow(() -> new RecordNotFound("orderId", "no field order " + orderId));
        return order(orderId);
    }

    /** Writes the new status (and whatever else the step sets), the step's event and the audit record. */
    private FieldOrder apply(FieldOrder before, Step step, FieldOrderStatus to, Map<String, Object> set, String note) {
        StringBuilder sql = new StringBuilder("update field_order set status = :status, status_changed_at = :at, "
                + "status_changed_by = :by");
        set.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
        var spec = jdbc.sql(sql + " where id = :id").param("status", to.name()).param("at", now()).param("by", actor())
                .param("id", before.id());
        for (Map.Entry<String, Object> e : set.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        spec.update();
        FieldOrder after = order(before.id());
        event(before.id(), step.name(), before.status(), to, after.assignedTo(), note);
        audit.recordChange("field_order", Long.toString(before.id()), step.name().toLowerCase().replace('_', '-'),
                summary(before), summary(after));
        return after;
    }

    /** A specialist updates only their own orders; a dispatcher and jobs (no one signed in) any. */
    private static void requireUpdater(FieldOrder o) {
        Optional<String> user = CurrentStaff.username();
        if (user.isEmpty()) {
            return;
        }
        String refusal = FieldOrderLifecycle.refusalForUpdater(o.assignedTo(), user.get(),
                CurrentStaff.has(Permission.DISPATCH));
        if (refusal != null) {
            throw new AccessDeniedException("field order " + o.id() + ": " + refusal);
        }
    }

    @Override
    @Transactional
    public FieldOrder schedule(long orderId, LocalDate day) {
        FieldOrder o = lock(orderId);
        FieldOrderStatus to = FieldOrderLifecycle.next(orderId, o.status(), Step.SCHEDULE);
        if (day == null) {
            throw new BusinessRuleViolation("field-order.invalid", "day", "the day to schedule it for is required");
        }
        if (day.isBefore(LocalDate.now(clock))) {
            throw new BusinessRuleViolation("field-order.invalid", "day", "cannot schedule work for a past day (" + day + ")");
        }
        return apply(o, Step.SCHEDULE, to, Map.of("scheduled_for", day), "scheduled for " + day);
    }

    @Override
    @Transactional
    public FieldOrder assign(long orderId, String specialist) {
        FieldOrder o = lock(orderId);
        FieldOrderStatus to = FieldOrderLifecycle.next(orderId, o.status(), Step.ASSIGN);
        String who = specialist == null ? "" : specialist.trim();
        StaffDirectory.Member member = staff.holding(Permission.FIELD_ORDER_UPDATE).stream()
                .filter(m -> m.username().equalsIgnoreCase(who)).findFirst()
                .orElseThrow(() -> new BusinessRuleViolation("field-order.invalid", "specialist",
                        who.isEmpty() ? "choose a field specialist" : who + " is not an active field specialist"));
        if (member.username().equals(o.assignedTo()) && o.status() == FieldOrderStatus.DISPATCHED) {
            return o;
        }
        String step = o.assignedTo() == null ? "assigned to " : "reassigned from " + o.assignedTo() + " to ";
        return apply(o, Step.ASSIGN, to, Map.of("assigned_to", member.username()), step + member.username());
    }

    @Override
    @Transactional
    public FieldOrder startRoute(long orderId, String note) {
        FieldOrder o = lock(orderId);
        requireUpdater(o);
        FieldOrderStatus to = FieldOrderLifecycle.next(orderId, o.status(), Step.START_ROUTE);
        return apply(o, Step.START_ROUTE, to, Map.of(), blankToNull(note));
    }

    @Override
    @Transactional
    public FieldOrder fail(long orderId, String reason) {
        FieldOrder o = lock(orderId);
        requireUpdater(o);
        FieldOrderStatus to = FieldOrderLifecycle.next(orderId, o.status(), Step.FAIL);
        String why = FieldOrderLifecycle.requireReason(reason);
        return apply(o, Step.FAIL, to, Map.of("status_reason", why), why);
    }

    @Override
    @Transactional
    public FieldOrder cancel(long orderId, String reason) {
        FieldOrder o = lock(orderId);
        FieldOrderStatus to = FieldOrderLifecycle.next(orderId, o.status(), Step.CANCEL);
        String why = FieldOrderLifecycle.requireReason(reason);
        FieldOrder after = apply(o, Step.CANCEL, to, Map.of("status_reason", why), why);
        rereadOf(o).ifPresent(id -> reads.closeReread(id, false));
        return after;
    }

    @Override
    @Transactional
    public FieldOrder complete(long orderId, String reading, String note) {
        FieldOrder o = lock(orderId);
        requireUpdater(o);
        FieldOrderStatus to = FieldOrderLifecycle.next(orderId, o.status(), Step.COMPLETE);
        FieldOrderLifecycle.requireReading(o.needsRead(), reading);
        LocalDate today = LocalDate.now(clock);
        String reference = "field-order:" + o.id();
        Map<String, Object> set = new java.util.HashMap<>();
        Long readId = null;
        if (reading != null && !reading.isBlank()) {
            String readType = jdbc.sql("select read_type from field_order_type where code = :c").param("c", o.type())
                    .query(String.class).optional().orElse(null);
            if (readType == null || o.meterNumber() == null) {
                throw new BusinessRuleViolation("field-order.invalid", "reading",
                        o.meterNumber() == null ? "this order has no meter to read" : o.typeTitle() + " takes no read");
            }
            FieldReads.FieldRead read = reads.enter(o.accountNumber(), o.meterNumber(), today, reading.trim(), readType);
            readId = read.readId();
            set.put("completion_reading", read.reading());
            set.put("completion_read_id", readId);
        }
        FieldOrder after = apply(o, Step.COMPLETE, to, set, blankToNull(note));
        switch (o.type()) {
            case FieldOrderTypes.DISCONNECT_NONPAY -> connections.disconnectForNonPayment(o.accountNumber(),
                    o.premiseId(), o.serviceType(), today, reference);
            case FieldOrderTypes.RECONNECT, FieldOrderTypes.SAME_DAY_RECONNECT -> connections.reconnect(
                    o.accountNumber(), o.premiseId(), o.serviceType(), today, reference);
            default -> {
            }
        }
        rereadOf(o).ifPresent(id -> reads.closeReread(id, true));
        events.publishEvent(new FieldOrderCompleted(o.id(), o.type(), o.accountId(), o.accountNumber(), o.premiseId(),
                o.agreementId(), o.serviceType(), today, readId));
        return after;
    }

    private static Optional<Long> rereadOf(FieldOrder o) {
        return FieldOrderIntake.SOURCE_REREAD.equals(o.source()) ? Optional.of(Long.parseLong(o.sourceReference()))
                : Optional.empty();
    }
}
