package org.civicdesk.customer.internal.casework;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.CasePriority;
import org.civicdesk.customer.CaseStatus;
import org.civicdesk.customer.CaseType;
import org.civicdesk.customer.Cases;
import org.civicdesk.customer.internal.casework.AccountRecords.AccountRef;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.StaffDirectory;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cases in customer_case and customer_case_note; every change audited on the case's account. */
@Service
class JdbcCases implements Cases {

    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 4000;

    private static final String SELECT = """
            select k.*, a.account_number, c.display_name
              from customer_case k join account a on a.id = k.account_id join customer c on c.id = a.customer_id
            """;

    private final JdbcClient jdbc;
    private final AccountRecords accounts;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final CaseDueDates dueDates;
    private final StaffDirectory staff;

    JdbcCases(JdbcClient jdbc, AccountRecords accounts, AuditTrail audit, BusinessTime time, CaseDueDates dueDates,
            StaffDirectory staff) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.time = time;
        this.dueDates = dueDates;
        this.staff = staff;
    }

    @Override
    @Transactional
    public Case open(long accountId, NewCase r) {
        AccountRef account = accounts.byId(accountId);
        List<FieldProblem> problems = new ArrayList<>();
        if (r == null || r.type() == null) {
            problems.add(new FieldProblem("type", "Choose the kind of case"));
        }
        String subject = r == null || r.subject() == null ? "" : r.subject().trim();
        if (subject.isEmpty()) {
            problems.add(new FieldProblem("subject", "Give the case a subject"));
        } else if (subject.length() > MAX_SUBJECT) {
            problems.add(new FieldProblem("subject", "Keep the subject under " + MAX_SUBJECT + " characters"));
        }
        String description = r == null ? null : blankToNull(r.description());
        if (description != null && description.length() > MAX_TEXT) {
            problems.add(new FieldProblem("description", "Keep the description under " + MAX_TEXT + " characters"));
        }
        String user = CurrentStaff.username().orElse("system");
        String owner = r == null || r.owner() == null || r.owner().isBlank() ? user : r.owner().trim();
        if (!owner.equals(user) && staff.displayName(owner).isEmpty()) {
            problems.add(new FieldProblem("owner", "There is no staff user " + owner));
        }
        Money disputed = r == null ? null : r.disputedAmount();
        if (r != null && r.type() == CaseType.BILLING_DISPUTE) {
            if (disputed == null) {
                problems.add(new FieldProblem("disputedAmount", "A billing dispute needs the disputed amount"));
            } else if (!disputed.isPositive()) {
                problems.add(new FieldProblem("disputedAmount", "The disputed amount must be more than zero"));
            }
        } else if (r != null && r.type() != null && disputed != null) {
            problems.add(new FieldProblem("disputedAmount", "Only a billing dispute has a disputed amount"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("case.invalid", "The case cannot be opened", problems);
        }
        CasePriority priority = r.priority() == null ? CasePriority.NORMAL : r.priority();
        Instant now = time.now();
        LocalDate due = dueDates.dueOn(r.type(), time.today());
        long id = jdbc.sql("""
                insert into customer_case (account_id, case_type, priority, subject, description, owner, status, due_on,
                                           disputed_amount, opened_at, opened_by)
                values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?) returning id""")
                .params(accountId, r.type().name(), priority.name(), subject, description, owner, due,
                        disputed == null ? null : disputed.amount(), Timestamp.from(now), user)
                .query(Long.class).single();
        Case opened = find(id);
        audit.recordChange("account", account.accountNumber(), "case-opened", null, state(opened));
        return opened;
    }

    @Override
    public Case find(long caseId) {
        return jdbc.sql(SELECT + " where k.id = ?").param(caseId).query(this::map).optional()
                .orElseThrow(() -> new RecordNotFound("caseId", "No case " + caseId));
    }

    @Override
    public List<CaseNote> notes(long caseId) {
        return jdbc.sql("select * from customer_case_note where case_id = ? order by written_at, id").param(caseId)
                .query((rs, n) -> new CaseNote(rs.getLong("id"), rs.getString("note"),
                        rs.getTimestamp("written_at").toInstant(), rs.getString("written_by")))
                .list();
    }

    @Override
    public List<Case> forAccount(long accountId) {
        return jdbc.sql(SELECT + " where k.account_id = ? order by k.opened_at desc, k.id desc").param(accountId)
                .query(this::map).list();
    }

    @Override
    public List<Case> openQueue(String ownerOrNull) {
        return jdbc.sql(SELECT + """
                 where k.status in ('OPEN', 'IN_PROGRESS') and (cast(? as text) is null or k.owner = ?)
                 order by k.due_on, k.priority = 'URGENT' desc, k.priority = 'HIGH' desc, k.id limit 500""")
                .params(ownerOrNull, ownerOrNull).query(this::map).list();
    }

    @Override
    @Transactional
    public Case changeStatus(long caseId, CaseStatus to, String resolution) {
        Case before = lock(caseId);
        CaseLifecycle.check(before.status(), to, resolution);
        String user = CurrentStaff.username().orElse("system");
        if (to == CaseStatus.RESOLVED) {
            String text = resolution.trim();
            if (text.length() > MAX_TEXT) {
                throw new BusinessRuleViolation("case.invalid", "resolution",
                        "Keep the resolution under " + MAX_TEXT + " characters");
            }
            jdbc.sql("""
                    update customer_case set status = 'RESOLVED', resolution = ?, resolved_at = ?, resolved_by = ?
                     where id = ?""").params(text, Timestamp.from(time.now()), user, caseId).update();
        } else if (to == CaseStatus.OPEN) {
            // reopened: the earlier resolution stays in the audit trail, a new one is required
            jdbc.sql("""
                    update customer_case set status = 'OPEN', resolution = null, resolved_at = null, resolved_by = null
                     where id = ?""").param(caseId).update();
        } else {
            jdbc.sql("update customer_case set status = ? where id = ?").params(to.name(), caseId).update();
        }
        Case after = find(caseId);
        String action = before.status() == CaseStatus.RESOLVED && to == CaseStatus.OPEN
                ? "case-reopened" : "case-" + to.name().toLowerCase().replace('_', '-');
        audit.recordChange("account", before.accountNumber(), action, state(before), state(after));
        return after;
    }

    @Override
    @Transactional
    public Case reassign(long caseId, String owner) {
        Case before = lock(caseId);
        String to = owner == null ? "" : owner.trim();
        if (to.isEmpty() || staff.displayName(to).isEmpty()) {
            throw new BusinessRuleViolation("case.invalid", "owner", "There is no staff user " + to);
        }
        if (!before.status().isOpen()) {
            throw new BusinessRuleViolation("case.not-open", "owner", "Only an open case can be handed to someone");
        }
        jdbc.sql("update customer_case set owner = ? where id = ?").params(to, caseId).update();
        Case after = find(caseId);
        audit.recordChange("account", before.accountNumber(), "case-reassigned", state(before), state(after));
        return after;
    }

    @Override
    @Transactional
    public CaseNote addNote(long caseId, String note) {
        Case k = lock(caseId);
        String text = note == null ? "" : note.trim();
        if (text.isEmpty()) {
            throw new BusinessRuleViolation("case.note-required", "note", "Write the note");
        }
        if (text.length() > MAX_TEXT) {
            throw new BusinessRuleViolation("case.invalid", "note", "Keep the note under " + MAX_TEXT + " characters");
        }
        String user = CurrentStaff.username().orElse("system");
        Instant now = time.now();
        long id = jdbc.sql("""
                insert into customer_case_note (case_id, note, written_at, written_by) values (?, ?, ?, ?) returning id""")
                .params(caseId, text, Timestamp.from(now), user).query(Long.class).single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("caseId", caseId);
        after.put("noteId", id);
        after.put("note", text);
        audit.recordChange("account", k.accountNumber(), "case-note-added", null, after);
        return new CaseNote(id, text, now, user);
    }

    @Override
    public Money openDisputedAmount(long accountId) {
        BigDecimal sum = jdbc.sql("""
                select coalesce(sum(disputed_amount), 0) from customer_case
                 where account_id = ? and case_type = 'BILLING_DISPUTE' and status in ('OPEN', 'IN_PROGRESS')""")
                .param(accountId).query(BigDecimal.class).single();
        return Money.of(sum);
    }

    private Case lock(long caseId) {
        jdbc.sql("select id from customer_case where id = ? for update").param(caseId).query(Long.class).optional()
                .orElseThrow(() -> new RecordNotFound("caseId", "No case " + caseId));
        return find(caseId);
    }

    static Map<String, Object> state(Case k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", k.id());
        m.put("type", k.type().name());
        m.put("priority", k.priority().name());
        m.put("subject", k.subject());
        m.put("owner", k.owner());
        m.put("status", k.status().name());
        m.put("dueOn", k.dueOn().toString());
        m.put("disputedAmount", k.disputedAmount() == null ? null : k.disputedAmount().toString());
        m.put("resolution", k.resolution());
        return m;
    }

    private Case map(ResultSet rs, int row) throws SQLException {
        BigDecimal disputed = rs.getBigDecimal("disputed_amount");
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        return new Case(rs.getLong("id"), rs.getLong("account_id"), rs.getString("account_number"),
                rs.getString("display_name"), CaseType.valueOf(rs.getString("case_type")),
                CasePriority.valueOf(rs.getString("priority")), rs.getString("subject"), rs.getString("description"),
                rs.getString("owner"), status, due, disputed == null ? null : Money.of(disputed),
                rs.getString("resolution"), rs.getTimestamp("opened_at").toInstant(), rs.getString("opened_by"),
                resolvedAt == null ? null : resolvedAt.toInstant(), rs.getString("resolved_by"),
                status.isOpen() && due.isBefore(time.today()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
