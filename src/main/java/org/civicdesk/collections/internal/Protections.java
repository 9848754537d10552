package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Protections from disconnection: medical certificates, bankruptcy, and the heat days staff declare. */
@Service
class Protections {

    static final List<String> KINDS = List.of("MEDICAL_CERTIFICATE", "BANKRUPTCY");

    record Protection(long id, String kind, LocalDate startsOn, LocalDate endedOn, String note, String createdBy) {
    }

    record HeatDay(LocalDate day, String note, String declaredBy) {
    }

    private final AccountFacts facts;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Protections(AccountFacts facts, AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.facts = facts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Protection add(AccountNumber number, String kind, LocalDate startsOn, String note) {
        LocalDate today = LocalDate.now(clock);
        List<FieldProblem> problems = new ArrayList<>();
        if (kind == null || !KINDS.contains(kind)) {
            problems.add(new FieldProblem("kind", "Choose a medical certificate or bankruptcy"));
        }
        if (startsOn == null) {
            problems.add(new FieldProblem("startsOn", "Give the date of the certificate or of the filing"));
        } else if (startsOn.isAfter(today)) {
            problems.add(new FieldProblem("startsOn", "The date " + startsOn + " is in the future"));
        }
        if (note == null || note.isBlank()) {
            problems.add(new FieldProblem("note", "Say what was received (e.g. the physician or the case number)"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("collections.protection-invalid", problems.get(0).reason(), problems);
        }
        AccountDetails account = facts.account(number);
        long id = jdbc.sql("""
                insert into collections_protection (account_id, kind, starts_on, note, created_at, created_by)
                values (:a, :k, :s, :n, :at, :by) returning id
                """).param("a", account.id()).param("k", kind).param("s", startsOn).param("n", note.trim())
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", CurrentStaff.username().orElse("system"))
                .query(Long.class).single();
        audit.recordChange("account", account.accountNumber(), "protection-added", null,
                Map.of("protection", id, "kind", kind, "startsOn", startsOn.toString(), "note", note.trim()));
        return ofAccount(account.id()).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** Ends a protection (a bankruptcy discharged or dismissed, a certificate withdrawn) from today. */
    @Transactional
    public void end(AccountNumber number, long protectionId) {
        AccountDetails account = facts.account(number);
        LocalDate today = LocalDate.now(clock);
        int n = jdbc.sql("update collections_protection set ended_on = :t where id = :id and account_id = :a and ended_on is null")
                .param("t", today).param("id", protectionId).param("a", account.id()).update();
        if (n == 0) {
            throw new BusinessRuleViolation("collections.protection-not-open", "protectionId",
                    "No open protection " + protectionId + " on account " + account.accountNumber());
        }
        audit.recordChange("account", account.accountNumber(), "protection-ended", Map.of("protection", protectionId),
                Map.of("protection", protectionId, "endedOn", today.toString()));
    }

    @Transactional(readOnly = true)
    public List<Protection> ofAccount(long accountId) {
        return jdbc.sql("select * from collections_protection where account_id = :a order by starts_on desc, id desc")
                .param("a", accountId).query((rs, n) -> new Protection(rs.getLong("id"), rs.getString("kind"),
                        rs.getObject("starts_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
                        rs.getString("note"), rs.getString("created_by"))).list();
    }

    @Transactional
    public HeatDay declareHeatDay(LocalDate day, String note) {
        LocalDate today = LocalDate.now(clock);
        if (day == null) {
            throw new BusinessRuleViolation("collections.heat-day", "day", "Give the day to declare");
        }
        if (day.isBefore(today)) {
            throw new BusinessRuleViolation("collections.heat-day", "day", "A heat day is declared for today or later, not " + day);
        }
        int n = jdbc.sql("""
                insert into collections_heat_day (day, note, declared_at, declared_by) values (:d, :n, :at, :by)
                on conflict (day) do nothing
                """).param("d", day).param("n", note == null || note.isBlank() ? null : note.trim())
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", CurrentStaff.username().orElse("system")).update();
        if (n == 0) {
            throw new Conflict("collections.heat-day-declared", day + " is already declared an excessive-heat day.");
        }
        audit.recordChange("collections_heat_day", day.toString(), "declared", null, Map.of("day", day.toString(),
                "note", note == null ? "" : note.trim()));
        return new HeatDay(day, note, CurrentStaff.username().orElse("system"));
    }

    @Transactional(readOnly = true)
    public List<HeatDay> heatDaysFrom(LocalDate from) {
        return jdbc.sql("select day, note, declared_by from collections_heat_day where day >= :f order by day")
                .param("f", from).query((rs, n) -> new HeatDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3))).list();
    }
}
