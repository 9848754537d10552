package org.civicdesk.fieldservice.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.identity.Permission;
import org.civicdesk.identity.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo field work (first start with demo data only): the waiting start, stop and reread work taken in, and a
 * dozen orders for today across areas, some dispatched to the demo specialists field1 and field2, one en
 * route, one done, one that could not be done. It runs once the application is ready, after the demo users
 * exist (StaffBootstrap goes first).
 */
@Component
class FieldServiceDemo {

    static final String SOURCE = "demo";
    static final String ACTOR = "system:demo-fieldservice";
    private static final Logger log = LoggerFactory.getLogger(FieldServiceDemo.class);
    private static final List<String> TYPES = List.of(FieldOrderTypes.HIGH_BILL_INVESTIGATION, FieldOrderTypes.METER_TEST,
            FieldOrderTypes.DOOR_HANGER, FieldOrderTypes.DISCONNECT_NONPAY, FieldOrderTypes.METER_EXCHANGE,
            FieldOrderTypes.DOOR_HANGER);

    private final JdbcClient jdbc;
    private final FieldOrders orders;
    private final FieldOrderIntake intake;
    private final StaffDirectory staff;
    private final Clock clock;
    private final boolean enabled;

    FieldServiceDemo(JdbcClient jdbc, FieldOrders orders, FieldOrderIntake intake, StaffDirectory staff, Clock clock,
            @Value("${civicdesk.demo.enabled:false}") boolean enabled, @Value("${civicdesk.bench:}") String bench,
            @Value("${civicdesk.demo.history:true}") boolean history) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.intake = intake;
        this.staff = staff;
        this.clock = clock;
        this.enabled = enabled && history && bench.isBlank();
    }

    private record Target(String accountNumber, long premiseId, String serviceType, long agreementId) {
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    public void onReady() {
        if (!enabled || jdbc.sql("select exists (select 1 from field_order where source = ?)").param(SOURCE)
                .query(Boolean.class).single()) {
            return;
        }
        AuditActor.runAs(ACTOR, this::load);
    }

    void load() {
        FieldOrderIntake.Result taken = intake.takeIn();
        LocalDate today = LocalDate.now(clock);
        // one metered service in each of the first areas (read only: premises and agreements of the demo city)
        List<Target> targets = jdbc.sql("""
                select distinct on (p.route) a.account_number, p.id, sa.service_type, sa.id
                  from service_agreement sa join account a on a.id = sa.account_id join premise p on p.id = sa.premise_id
                 where sa.status = 'ACTIVE' and sa.service_type in ('ELECTRIC', 'WATER', 'GAS')
                 order by p.route, sa.id limit 12""")
                .query((rs, n) -> new Target(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4))).list();
        List<String> specialists = staff.holding(Permission.FIELD_ORDER_UPDATE).stream()
                .map(StaffDirectory.Member::username).filter(u -> u.startsWith("field")).toList();
        int made = 0;
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String type = TYPES.get(i % TYPES.size());
            boolean wholePremise = FieldOrderTypes.DOOR_HANGER.equals(type);
            FieldOrder o;
            try {
                o = orders.create(new NewFieldOrder(type, t.accountNumber(), t.premiseId(),
                        wholePremise ? null : t.serviceType(), wholePremise ? null : t.agreementId(),
                        i % 5 == 4 ? today.minusDays(1) : today, i == 1 ? "HIGH" : "NORMAL", "Demo order",
                        SOURCE, "demo:" + i));
            } catch (org.civicdesk.platform.BusinessRuleViolation e) {
                // a disconnect for an account the collections policy protects (nothing past due) is refused
                log.info("Demo order {} for account {} not made: {}", type, t.accountNumber(), e.getMessage());
                continue;
            }
            made++;
            if (specialists.isEmpty() || i % 3 == 2) {
                continue;
            }
            o = orders.assign(o.id(), specialists.get(i % specialists.size()));
            if (i == 0) {
                orders.startRoute(o.id(), "Demo: on the way");
            } else if (i == 3 && FieldOrderTypes.DOOR_HANGER.equals(o.type())) {
                orders.complete(o.id(), null, "Demo: notice hung on the front door");
            } else if (i == 4) {
                orders.fail(o.id(), "No access to the meter: locked gate");
            }
        }
        log.info("Demo field work: {} orders taken in from starts, stops and rereads; {} demo orders for {}",
                taken.total(), made, today);
    }
}
