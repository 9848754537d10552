package org.civicdesk.collections.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.Fee;
import org.civicdesk.billing.FeeSchedule;
import org.civicdesk.cashiering.PaymentPosted;
import org.civicdesk.cashiering.PaymentsPosted;
import org.civicdesk.cashiering.PaymentReturned;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.collections.CollectionSchedulePolicy;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.ServiceConnections;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What a payment or a return does to collections, right after cashiering commits it (each in a transaction
 * of its own; a payment's recovery of a written-off account, Recoveries, first in the same one). A payment
 * that brings the past due outside any dispute under the disconnect threshold cancels
 * the pending door hangers and disconnects at once (the dispatch board shows them as cancelled); a payment
 * that clears the past due of a disconnected account orders the reconnect, the same day with the same-day
 * fee when paid before the cut-off on a business day. A return of a payment that had cancelled a disconnect
 * resumes it: a door hanger with a new 48-hour notice today and the disconnect two days later.
 */
@Component
class CollectionsPaymentHooks {

    static final String ACTOR = "system:collections";
    static final String UTILITY_ACCOUNT = "utility-account";
    /** A reconnect paid before this time of a business day is done the same day (city-profile.md). */
    static final LocalTime SAME_DAY_CUTOFF = LocalTime.of(15, 0);
    static final String SAME_DAY_FEE = "CONNECT_SAME_DAY";
    static final ZoneId CITY = ZoneId.of("America/Phoenix");
    private static final Logger log = LoggerFactory.getLogger(CollectionsPaymentHooks.class);

    private final AccountFacts facts;
    private final RulesBook rules;
    private final CollectionSchedule schedule;
    private final JdbcCollectionsStanding standing;
    private final FieldOrders orders;
    private final Letters letters;
    private final ServiceConnections connections;
    private final FeeSchedule fees;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Recoveries recoveries;

    CollectionsPaymentHooks(AccountFacts facts, RulesBook rules, CollectionSchedule schedule,
            JdbcCollectionsStanding standing, FieldOrders orders, Letters letters, ServiceConnections connections,
            FeeSchedule fees, Ledger ledger, AuditTrail audit, JdbcClient jdbc, Clock clock, Recoveries recoveries) {
        this.recoveries = recoveries;
        this.facts = facts;
        this.rules = rules;
        this.schedule = schedule;
        this.standing = standing;
        this.orders = orders;
        this.letters = letters;
        this.connections = connections;
        this.fees = fees;
        this.ledger = ledger;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(PaymentPosted posted) {
        // a written-off account's debt is reinstated and paid first, then the payment's effect on disconnects
        recoveries.on(posted);
        for (String number : accounts(posted.targets())) {
            AuditActor.runAs(ACTOR, () -> afterPayment(number, posted.paymentId(), posted.amount()));
        }
    }

    /**
     * A batch of payments (lockbox chunk, autopay file): each as if it had come alone, but asked first, in three
     * queries for the whole batch, which accounts have anything a payment could cancel or reconnect: most have not.
     */
    @ApplicationModuleListener
    void on(PaymentsPosted batch) {
        recoveries.on(batch);
        List<String> numbers = batch.payments().stream().flatMap(p -> accounts(p.targets()).stream()).distinct().toList();
        if (numbers.isEmpty()) {
            return;
        }
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.sql("select account_number, id from account where account_number = any(:n)")
                .param("n", numbers.toArray(String[]::new))
                .query((rs, i) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        java.util.Set<Long> pending = new java.util.HashSet<>(orders.accountsWithOpenOrders(ids.values(),
                List.of(FieldOrderTypes.DISCONNECT_NONPAY, FieldOrderTypes.DOOR_HANGER)));
        pending.addAll(connections.accountsWithDisconnectedService(ids.values()));
        for (PaymentPosted posted : batch.payments()) {
            for (String number : accounts(posted.targets())) {
                Long id = ids.get(number);
                if (id != null && pending.contains(id)) {
                    AuditActor.runAs(ACTOR, () -> settle(number, posted.paymentId(), posted.amount()));
                }
            }
        }
    }

    @ApplicationModuleListener
    void on(PaymentReturned returned) {
        for (String number : accounts(returned.targets())) {
            AuditActor.runAs(ACTOR, () -> afterReturn(number, returned.paymentId(), returned.amount()));
        }
    }

    private static List<String> accounts(List<PaymentTarget> targets) {
        return targets.stream().filter(t -> UTILITY_ACCOUNT.equals(t.receivableType())).map(PaymentTarget::reference)
                .filter(r -> AccountNumber.parse(r).isPresent()).distinct().toList();
    }

    /** A payment arrived for the account: cancel the pending disconnect, order the reconnect. */
    void afterPayment(String number, long paymentId, Money amount) {
        // most payments find nothing to cancel or reconnect: look for that first (three small queries), and
        // work out the account's standing (some twenty) only when there is
        Long accountId = jdbc.sql("select id from account where account_number = :n").param("n", number)
                .query(Long.class).optional().orElse(null);
        if (accountId != null && orders.openOfAccount(accountId, FieldOrderTypes.DISCONNECT_NONPAY).isEmpty()
                && orders.openOfAccount(accountId, FieldOrderTypes.DOOR_HANGER).isEmpty()
                && connections.disconnected(accountId).isEmpty()) {
            return;
        }
        settle(number, paymentId, amount);
    }

    /** For an account with a door hanger, a disconnect or a disconnected service: what the payment changes. */
    private void settle(String number, long paymentId, Money amount) {
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        AccountFacts.Standing s = facts.of(new AccountNumber(number), today);
        Money disputed = s.disputed() == null ? Money.ZERO : s.disputed();
        Money collectible = s.pastDue().minus(disputed);
        if (collectible.compareTo(r.disconnectThreshold()) < 0) {
            cancelPendingDisconnects(s, paymentId, amount, collectible, r, today);
        }
        List<ServiceConnections.Disconnection> off = connections.disconnected(s.account().id());
        if (!off.isEmpty() && !collectible.isPositive()) {
            reconnect(s, off, paymentId, amount, today);
        }
    }

    private void cancelPendingDisconnects(AccountFacts.Standing s, long paymentId, Money amount, Money collectible,
            CollectionsRules r, LocalDate today) {
        long accountId = s.account().id();
        List<FieldOrder> pending = new ArrayList<>(orders.openOfAccount(accountId, FieldOrderTypes.DISCONNECT_NONPAY));
        pending.addAll(orders.openOfAccount(accountId, FieldOrderTypes.DOOR_HANGER));
        if (pending.isEmpty()) {
            return;
        }
        String reason = "Payment " + paymentId + " of " + amount.formatted() + " brought the past due to "
                + collectible.formatted() + ", under the disconnect threshold of " + r.disconnectThreshold().formatted() + ".";
        Map<String, List<Long>> byStep = new LinkedHashMap<>();
        List<FieldOrder> cancelled = new ArrayList<>();
        for (FieldOrder o : pending) {
            if (orders.order(o.id()).status().isFinal()) {
                // finished meanwhile (completed in the field, or cancelled by another payment's hook)
                continue;
            }
            orders.cancel(o.id(), reason);
            cancelled.add(o);
            String step = FieldOrderTypes.DOOR_HANGER.equals(o.type()) ? CollectionSchedulePolicy.DOOR_HANGER
                    : CollectionSchedulePolicy.DISCONNECT;
            byStep.computeIfAbsent(step, k -> new ArrayList<>()).add(o.id());
        }
        if (cancelled.isEmpty()) {
            return;
        }
        long letterId = letters.send(accountId, "COLLECTIONS_DISCONNECT_CANCELLED", Map.of("amount", amount.formatted()),
                LetterDelivery.AUTO).id();
        boolean first = true;
        for (Map.Entry<String, List<Long>> e : byStep.entrySet()) {
            LocalDate cycle = jdbc.sql("""
                    select cycle_due_date from collection_step_event where account_id = :a and step = :s
                       and outcome in ('TAKEN', 'RESUMED') order by id desc limit 1""")
                    .param("a", accountId).param("s", e.getKey()).query(LocalDate.class).optional().orElse(null);
            insertEvent(s, today, cycle, e.getKey(), "CANCELLED", collectible, reason, first ? letterId : null, e.getValue(),
                    paymentId);
            first = false;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("payment", paymentId);
        after.put("cancelledOrders", cancelled.stream().map(FieldOrder::id).toList());
        after.put("pastDue", collectible.toString());
        after.put("letter", letterId);
        audit.recordChange("account", s.accountNumber(), "disconnect-cancelled-by-payment", null, after);
        log.info("Payment {} on account {}: {} pending disconnect orders cancelled", paymentId, s.accountNumber(), cancelled.size());
    }

    /** Whether a payment at this moment is in time for a same-day reconnect. */
    static boolean sameDay(ZonedDateTime at) {
        ZonedDateTime local = at.withZoneSameInstant(CITY);
        DayOfWeek d = local.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && local.toLocalTime().isBefore(SAME_DAY_CUTOFF);
    }

    static LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    private void reconnect(AccountFacts.Standing s, List<ServiceConnections.Disconnection> off, long paymentId,
            Money amount, LocalDate today) {
        long accountId = s.account().id();
        if (!orders.openOfAccount(accountId, FieldOrderTypes.RECONNECT).isEmpty()
                || !orders.openOfAccount(accountId, FieldOrderTypes.SAME_DAY_RECONNECT).isEmpty()) {
            return;
        }
        boolean sameDay = sameDay(ZonedDateTime.now(clock));
        LocalDate on = sameDay ? today : nextBusinessDay(today);
        String type = sameDay ? FieldOrderTypes.SAME_DAY_RECONNECT : FieldOrderTypes.RECONNECT;
        List<Map<String, Object>> agreements = schedule.agreements(accountId, today);
        List<Long> made = new ArrayList<>();
        for (ServiceConnections.Disconnection d : off) {
            long premise = agreements.stream().filter(a -> ((Number) a.get("id")).longValue() == d.agreementId())
                    .map(a -> ((Number) a.get("premise_id")).longValue()).findFirst()
                    .orElseGet(() -> jdbc.sql("select premise_id from service_agreement where id = :id")
                            .param("id", d.agreementId()).query(Long.class).single());
            FieldOrder o = orders.create(new NewFieldOrder(type, s.accountNumber(), premise, d.serviceType(),
                    d.agreementId(), on, sameDay ? "HIGH" : "NORMAL", "Reconnect after payment " + paymentId
                            + (sameDay ? " (paid before 3 pm: same day, fee charged)" : ""),
                    CollectionSchedule.ORDER_SOURCE, "reconnect:payment:" + paymentId + ":" + d.agreementId()));
            made.add(o.id());
        }
        Long feeEntry = null;
        String message;
        if (sameDay) {
            Fee fee = fees.feeOn(SAME_DAY_FEE, today);
            Receivable receivable = ledger.openReceivable(UTILITY_ACCOUNT, fee.fundCode(), s.accountNumber(),
                    s.account().customerName());
            feeEntry = ledger.post(new JournalEntryRequest("same-day-reconnect:payment:" + paymentId, today,
                    "collections", "Same-day reconnect fee, account " + s.accountNumber() + " (payment " + paymentId + ")",
                    List.of(JournalLineRequest.debit(fee.fundCode(), StandardAccount.RECEIVABLES.code(), fee.amount())
                                    .receivable(receivable.id()).due(today.plusDays(21)).memo("Same-day reconnect fee"),
                            JournalLineRequest.credit(fee.fundCode(), fee.revenueAccount(), fee.amount())))).id();
            message = "Because payment arrived before 3 p.m. on a business day, service is reconnected today; the same-day fee of "
                    + fee.amount().formatted() + " is added to your account.";
        } else {
            message = "Service is reconnected on the next business day.";
        }
        long letterId = letters.send(accountId, "COLLECTIONS_RECONNECT", Map.of("amount", amount.formatted(),
                "dueDate", on.toString(), "message", message), LetterDelivery.AUTO).id();
        String reason = (sameDay ? "Paid before 3 pm on a business day: same-day reconnect on " : "Reconnect on ") + on
                + " after payment " + paymentId + " cleared the past due." + (feeEntry == null ? "" : " Same-day fee posted.");
        insertEvent(s, today, null, "RECONNECT", "TAKEN", Money.ZERO, reason, letterId, made, paymentId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("payment", paymentId);
        after.put("orders", made);
        after.put("sameDay", sameDay);
        after.put("feeEntry", feeEntry);
        audit.recordChange("account", s.accountNumber(), "reconnect-ordered", null, after);
    }

    /** A returned payment: if it had cancelled a disconnect, the disconnect resumes with a new 48-hour notice. */
    void afterReturn(String number, long paymentId, Money amount) {
        List<Map<String, Object>> cancelled = jdbc.sql("""
                select id, account_id from collection_step_event where payment_id = :p and outcome = 'CANCELLED'
                   and account_number = :n and step = 'DISCONNECT'""")
                .param("p", paymentId).param("n", number).query().listOfRows();
        if (cancelled.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        CollectionSchedulePolicy policy = schedule.policy(today);
        int notice = policy.step(CollectionSchedulePolicy.DISCONNECT) == null ? 2
                : policy.step(CollectionSchedulePolicy.DISCONNECT).noticeDays();
        LocalDate disconnectOn = today.plusDays(notice);
        AccountFacts.Standing s = facts.of(new AccountNumber(number), today);
        CollectionSchedule.Candidate later = schedule.standing(number, disconnectOn);
        LocalDate cycle = later == null ? null : later.cycleDueDate();
        DisconnectEligibilityPolicy.Answer then = standing.disconnectOn(number, disconnectOn);
        if (!then.decision().granted()) {
            List<String> reasons = new ArrayList<>();
            reasons.add("Payment " + paymentId + " that had cancelled the disconnect was returned; a disconnect on "
                    + disconnectOn + " is not allowed:");
            reasons.addAll(then.decision().reasons());
            insertEvent(s, today, cycle, CollectionSchedulePolicy.DISCONNECT, "HELD", s.pastDue(), String.join("\n", reasons),
                    null, List.of(), paymentId);
            return;
        }
        long accountId = s.account().id();
        List<Map<String, Object>> agreements = schedule.agreements(accountId, today);
        long premise = agreements.stream().filter(a -> then.services().contains((String) a.get("service_type")))
                .map(a -> ((Number) a.get("premise_id")).longValue()).findFirst().orElseThrow();
        FieldOrder hanger = orders.create(new NewFieldOrder(FieldOrderTypes.DOOR_HANGER, number, premise, null, null, today,
                "HIGH", "48-hour notice after returned payment " + paymentId + ": disconnect from " + disconnectOn,
                CollectionSchedule.ORDER_SOURCE, "resume:payment:" + paymentId + ":door-hanger"));
        List<Long> cuts = new ArrayList<>();
        for (String service : then.services()) {
            for (Map<String, Object> a : agreements) {
                if (service.equals(a.get("service_type"))) {
                    cuts.add(orders.create(new NewFieldOrder(FieldOrderTypes.DISCONNECT_NONPAY, number,
                            ((Number) a.get("premise_id")).longValue(), service, ((Number) a.get("id")).longValue(),
                            disconnectOn, "NORMAL", "Disconnect resumed: payment " + paymentId + " was returned",
                            CollectionSchedule.ORDER_SOURCE, "resume:payment:" + paymentId + ":" + service)).id());
                }
            }
        }
        long letterId = letters.send(accountId, "COLLECTIONS_RETURNED_PAYMENT_NOTICE", Map.of("amount", amount.formatted(),
                "dueDate", disconnectOn.toString()), LetterDelivery.AUTO).id();
        String reason = "Payment " + paymentId + " that had cancelled the disconnect was returned: 48-hour notice today, "
                + "disconnect from " + disconnectOn + ".";
        insertEvent(s, today, cycle, CollectionSchedulePolicy.DOOR_HANGER, "RESUMED", s.pastDue(), reason, letterId,
                List.of(hanger.id()), paymentId);
        insertEvent(s, today, cycle, CollectionSchedulePolicy.DISCONNECT, "RESUMED", s.pastDue(),
                reason + "\n" + String.join("\n", then.decision().reasons()), null, cuts, paymentId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("payment", paymentId);
        after.put("doorHanger", hanger.id());
        after.put("disconnects", cuts);
        after.put("letter", letterId);
        audit.recordChange("account", number, "disconnect-resumed-after-return", null, after);
    }

    private void insertEvent(AccountFacts.Standing s, LocalDate day, LocalDate cycle, String step, String outcome,
            Money pastDue, String reasons, Long letterId, List<Long> orderIds, Long paymentId) {
        jdbc.sql("""
                insert into collection_step_event (account_id, account_number, business_date, cycle_due_date, step, outcome,
                  past_due, reasons, letter_id, field_order_ids, payment_id, created_at, created_by)
                values (:a, :n, :d, :c, :s, :o, :pd, :r, :l, :ids, :p, :at, :by) on conflict do nothing""")
                .param("a", s.account().id()).param("n", s.accountNumber()).param("d", day).param("c", cycle)
                .param("s", step).param("o", outcome).param("pd", pastDue.amount()).param("r", reasons)
                .param("l", letterId).param("ids", orderIds.isEmpty() ? null : orderIds.toArray(Long[]::new))
                .param("p", paymentId).param("at", Timestamp.from(clock.instant())).param("by", CollectionSchedule.actor())
                .update();
    }
}
