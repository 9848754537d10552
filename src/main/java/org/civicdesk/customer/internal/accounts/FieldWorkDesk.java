package org.civicdesk.customer.internal.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.PendingServiceOrders;
import org.civicdesk.customer.ServiceConnections;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the field service module needs from the customer module: the pending start and stop orders to take
 * in, and the connection state the field reports (disconnected for non-payment, reconnected).
 */
@Service
class FieldWorkDesk implements PendingServiceOrders, ServiceConnections {

    /** Services that can be physically cut and restored at the premise. */
    static final List<String> CONNECTABLE = List.of("ELECTRIC", "GAS", "WATER", "IRRIGATION");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    FieldWorkDesk(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    private static String actor() {
        return AuditActor.override() != null ? AuditActor.override() : CurrentStaff.username().orElse("system");
    }

    // ---- pending orders

    @Override
    @Transactional(readOnly = true)
    public List<PendingServiceOrder> pending(long afterId, int limit) {
        return jdbc.sql("""
                select o.id, o.account_id, a.account_number, o.premise_id,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address, p.route,
                       o.service_agreement_id, sa.service_type, o.order_type, o.requested_for, o.note
                  from pending_service_order o join account a on a.id = o.account_id join premise p on p.id = o.premise_id
                  left join service_agreement sa on sa.id = o.service_agreement_id
                 where o.status = 'PENDING' and o.id > :after order by o.id limit :limit""").param("after", afterId)
                .param("limit", limit)
                .query((rs, n) -> new PendingServiceOrder(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10, LocalDate.class), rs.getString(11)))
                .list();
    }

    @Override
    @Transactional
    public boolean handOff(long orderId) {
        String number = jdbc.sql("""
                update pending_service_order o set status = 'HANDED_OFF' from account a
                 where o.id = :id and o.status = 'PENDING' and a.id = o.account_id returning a.account_number""")
                .param("id", orderId).query(String.class).optional().orElse(null);
        if (number == null) {
            return false;
        }
        audit.recordChange("account", number, "service-order-handed-off", "pending service order " + orderId + " PENDING",
                "pending service order " + orderId + " HANDED_OFF to field service");
        return true;
    }

    // ---- connections

    private static String number(String typed) {
        return AccountNumber.parse(typed == null ? "" : typed).map(AccountNumber::value)
                .orElseThrow(() -> new RecordNotFound("accountNumber", "no account " + typed));
    }

    private record Target(long accountId, List<Long> agreementIds) {
    }

    private Target target(String accountNumber, long premiseId, String serviceType) {
        if (serviceType != null && !CONNECTABLE.contains(serviceType)) {
            throw new BusinessRuleViolation("service.not-connectable", "serviceType",
                    serviceType + " cannot be disconnected or reconnected in the field; one of " + CONNECTABLE);
        }
        long accountId = jdbc.sql("select id from account where account_number = :n")
                .param("n", number(accountNumber)).query(Long.class).optional()
                .orElseThrow(() -> new RecordNotFound("accountNumber", "no account " + accountNumber));
        List<Long> ids = jdbc.sql("""
                select id from service_agreement where account_id = :a and premise_id = :p
                   and status in ('ACTIVE', 'PENDING_STOP') and service_type in (:types) order by id""")
                .param("a", accountId).param("p", premiseId)
                .param("types", serviceType == null ? CONNECTABLE : List.of(serviceType)).query(Long.class).list();
        return new Target(accountId, ids);
    }

    @Override
    @Transactional
    public List<Long> disconnectForNonPayment(String accountNumber, long premiseId, String serviceType, LocalDate on,
            String reference) {
        Target t = target(accountNumber, premiseId, serviceType);
        if (t.agreementIds().isEmpty()) {
            return List.of();
        }
        List<Long> marked = jdbc.sql("""
                insert into service_disconnection (service_agreement_id, disconnected_on, disconnect_reference,
                                                   created_at, created_by)
                select id, :on, :ref, :at, :by from unnest(cast(:ids as bigint[])) as id
                on conflict (service_agreement_id) where reconnected_on is null do nothing
                returning service_agreement_id""")
                .param("on", on).param("ref", reference).param("at", Timestamp.from(clock.instant()))
                .param("by", actor()).param("ids", t.agreementIds().toArray(Long[]::new)).query(Long.class).list();
        if (!marked.isEmpty()) {
            audit.recordChange("account", number(accountNumber), "service-disconnected", null,
                    Map.of("agreements", marked, "on", on.toString(), "reference", reference));
        }
        return marked;
    }

    @Override
    @Transactional
    public List<Long> reconnect(String accountNumber, long premiseId, String serviceType, LocalDate on, String reference) {
        Target t = target(accountNumber, premiseId, serviceType);
        if (t.agreementIds().isEmpty()) {
            return List.of();
        }
        List<Long> restored = jdbc.sql("""
                update service_disconnection set reconnected_on = greatest(:on, disconnected_on), reconnect_reference = :ref,
                       reconnected_at = :at, reconnected_by = :by
                 where service_agreement_id = any(cast(:ids as bigint[])) and reconnected_on is null
                returning service_agreement_id""")
                .param("on", on).param("ref", reference).param("at", Timestamp.from(clock.instant()))
                .param("by", actor()).param("ids", t.agreementIds().toArray(Long[]::new)).query(Long.class).list();
        if (!restored.isEmpty()) {
            audit.recordChange("account", number(accountNumber), "service-reconnected", null,
                    Map.of("agreements", restored, "on", on.toString(), "reference", reference));
        }
        return restored;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Set<Long> accountsWithDisconnectedService(java.util.Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct sa.account_id from service_disconnection d
                  join service_agreement sa on sa.id = d.service_agreement_id
                 where sa.account_id = any(:a) and d.reconnected_on is null""")
                .param("a", accountIds.toArray(Long[]::new)).query(Long.class).list());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Disconnection> disconnected(long accountId) {
        return jdbc.sql("""
                select d.service_agreement_id, sa.service_type,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city, d.disconnected_on,
                       d.disconnect_reference
                  from service_disconnection d join service_agreement sa on sa.id = d.service_agreement_id
                  join premise p on p.id = sa.premise_id
                 where sa.account_id = :a and d.reconnected_on is null order by d.id""").param("a", accountId)
                .query((rs, n) -> new Disconnection(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5)))
                .list();
    }
}
