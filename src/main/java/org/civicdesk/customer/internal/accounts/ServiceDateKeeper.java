package org.civicdesk.customer.internal.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves dated service changes along when their day comes: a pending start becomes active, a pending stop
 * becomes stopped, and an account whose last service stopped closes on its closing date. Idempotent by
 * business date: run twice, or late after missed days, it reaches the same state. Runs at start and daily
 * just after midnight in the business time zone.
 */
@Component
class ServiceDateKeeper {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    ServiceDateKeeper(JdbcClient jdbc, Clock clock, AuditTrail audit, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        catchUp();
    }

    @Scheduled(cron = "0 5 0 * * *", zone = "${civicdesk.time-zone:America/Phoenix}")
    public void daily() {
        catchUp();
    }

    /** @return how many agreements and accounts changed */
    int catchUp() {
        LocalDate today = LocalDate.now(clock);
        Integer changed = AuditActor.runAs("system:service-dates", () -> tx.execute(s -> {
            int n = 0;
            n += move("PENDING_START", "ACTIVE", "start_date <= :today", "service-start-effective", today);
            n += move("PENDING_STOP", "STOPPED", "end_date <= :today", "service-stop-effective", today);
            List<Map<String, Object>> closing = jdbc.sql("""
                    update account set status = 'CLOSED' where status = 'ACTIVE' and closed_on <= :today
                       and not exists (select 1 from service_agreement sa where sa.account_id = account.id
                                        and (sa.end_date is null or sa.end_date > :today))
                    returning account_number, closed_on
                    """).param("today", today).query().listOfRows();
            for (Map<String, Object> row : closing) {
                audit.recordChange("account", (String) row.get("account_number"), "closed",
                        Map.of("status", "ACTIVE"), Map.of("status", "CLOSED", "closedOn", String.valueOf(row.get("closed_on"))));
            }
            return n + closing.size();
        }));
        return changed == null ? 0 : changed;
    }

    private int move(String from, String to, String due, String action, LocalDate today) {
        List<Map<String, Object>> rows = jdbc.sql("""
                update service_agreement sa set status = :to from account a
                 where a.id = sa.account_id and sa.status = :from and %s
                returning a.account_number, sa.id, sa.service_type
                """.formatted(due.replace("start_date", "sa.start_date").replace("end_date", "sa.end_date")))
                .param("to", to).param("from", from).param("today", today).query().listOfRows();
        for (Map<String, Object> row : rows) {
            audit.recordChange("account", (String) row.get("account_number"), action,
                    Map.of("agreement", row.get("id"), "service", row.get("service_type"), "status", from),
                    Map.of("agreement", row.get("id"), "service", row.get("service_type"), "status", to));
        }
        return rows.size();
    }
}
