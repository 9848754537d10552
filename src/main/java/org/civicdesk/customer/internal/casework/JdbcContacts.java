package org.civicdesk.customer.internal.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.Contacts;
import org.civicdesk.customer.internal.casework.AccountRecords.AccountRef;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The contact log in the contact_log table; each contact is audited on its account. */
@Service
class JdbcContacts implements Contacts {

    static final int MAX_REASON = 200;
    static final int MAX_NOTES = 4000;

    private final JdbcClient jdbc;
    private final AccountRecords accounts;
    private final AuditTrail audit;
    private final BusinessTime time;

    JdbcContacts(JdbcClient jdbc, AccountRecords accounts, AuditTrail audit, BusinessTime time) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.time = time;
    }

    @Override
    @Transactional
    public Contact log(long accountId, NewContact c) {
        AccountRef account = accounts.byId(accountId);
        List<FieldProblem> problems = new ArrayList<>();
        if (c == null || c.channel() == null) {
            problems.add(new FieldProblem("channel", "Choose how the customer was in touch"));
        }
        String reason = c == null || c.reason() == null ? "" : c.reason().trim();
        if (reason.isEmpty()) {
            problems.add(new FieldProblem("reason", "Give the reason for the contact"));
        } else if (reason.length() > MAX_REASON) {
            problems.add(new FieldProblem("reason", "Keep the reason under " + MAX_REASON + " characters"));
        }
        String notes = c == null || c.notes() == null || c.notes().isBlank() ? null : c.notes().trim();
        if (notes != null && notes.length() > MAX_NOTES) {
            problems.add(new FieldProblem("notes", "Keep the notes under " + MAX_NOTES + " characters"));
        }
        Long verificationId = c == null ? null : c.verificationId();
        if (verificationId != null) {
            boolean ofThisCustomer = jdbc.sql("""
                    select count(*) from identity_verification
                     where id = ? and customer_id = ? and (account_id is null or account_id = ?)""")
                    .params(verificationId, account.customerId(), accountId).query(Long.class).single() > 0;
            if (!ofThisCustomer) {
                problems.add(new FieldProblem("verificationId",
                        "Verification " + verificationId + " is not a verification of this account's customer"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("contact.invalid", "The contact cannot be logged", problems);
        }
        Direction direction = c.direction() == null ? Direction.INBOUND : c.direction();
        String user = CurrentStaff.username().orElse("system");
        var now = time.now();
        long id = jdbc.sql("""
                insert into contact_log (account_id, customer_id, channel, direction, reason, notes, verification_id,
                                         contacted_at, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, account.customerId(), c.channel().name(), direction.name(), reason, notes,
                        verificationId, Timestamp.from(now), user)
                .query(Long.class).single();
        Contact logged = new Contact(id, accountId, c.channel(), direction, reason, notes, verificationId, now, user);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("contactId", id);
        after.put("channel", c.channel().name());
        after.put("direction", direction.name());
        after.put("reason", reason);
        after.put("notes", notes);
        after.put("verificationId", verificationId);
        audit.recordChange("account", account.accountNumber(), "contact-logged", null, after);
        return logged;
    }

    @Override
    public List<Contact> recentForAccount(long accountId, int limit) {
        return jdbc.sql("""
                select * from contact_log where account_id = ? order by contacted_at desc, id desc limit ?""")
                .params(accountId, Math.max(1, Math.min(limit, 500))).query(JdbcContacts::map).list();
    }

    static Contact map(ResultSet rs, int row) throws SQLException {
        Long verification = rs.getObject("verification_id", Long.class);
        return new Contact(rs.getLong("id"), rs.getLong("account_id"), Channel.valueOf(rs.getString("channel")),
                Direction.valueOf(rs.getString("direction")), rs.getString("reason"), rs.getString("notes"),
                verification, rs.getTimestamp("contacted_at").toInstant(),
                rs.getString("recorded_by"));
    }
}
