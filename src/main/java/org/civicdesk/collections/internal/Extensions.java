package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.BillDetail;
import org.civicdesk.billing.Bills;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.ExtensionPolicy;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.collections.PolicyRefusal;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time extensions: one bill's due date moved, once, by at most the rules' days. Bills are immutable, so the
 * moved date is kept here; the late-fee job reads it.
 */
@Service
class Extensions {

    record Extension(long billId, LocalDate oldDueDate, LocalDate newDueDate, String reasons, String createdBy) {
    }

    private final AccountFacts facts;
    private final Bills bills;
    private final RulesBook rules;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Extensions(AccountFacts facts, Bills bills, RulesBook rules, AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.facts = facts;
        this.bills = bills;
        this.rules = rules;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Extension extend(AccountNumber number, Long billId, LocalDate newDueDate) {
        LocalDate today = LocalDate.now(clock);
        AccountDetails account = facts.account(number);
        if (billId == null) {
            throw new BusinessRuleViolation("collections.extension-bill", "billId", "Choose the bill to extend");
        }
        BillDetail bill = bills.bill(billId);
        if (bill.accountId() != account.id()) {
            throw new BusinessRuleViolation("collections.extension-bill", "billId",
                    "Bill " + billId + " is not a bill of account " + account.accountNumber());
        }
        boolean extended = jdbc.sql("select exists (select 1 from collections_extension where bill_id = :b)")
                .param("b", billId).query(Boolean.class).single();
        Decision d = new ExtensionPolicy(rules.on(today)).decide(new ExtensionPolicy.Facts(billId, bill.summary().dueDate(),
                bill.summary().cancelled(), extended, newDueDate, today));
        if (!d.granted()) {
            throw new PolicyRefusal("collections.extension-refused", "newDueDate",
                    "The extension is refused: " + d.reasons().get(0), d);
        }
        jdbc.sql("""
                insert into collections_extension (bill_id, account_id, old_due_date, new_due_date, reasons, created_at, created_by)
                values (:b, :a, :old, :new, :r, :at, :by)
                """).param("b", billId).param("a", account.id()).param("old", bill.summary().dueDate()).param("new", newDueDate)
                .param("r", String.join("\n", d.reasons())).param("at", java.sql.Timestamp.from(clock.instant()))
                .param("by", CurrentStaff.username().orElse("system")).update();
        audit.recordChange("account", account.accountNumber(), "bill-due-date-extended",
                Map.of("bill", billId, "dueDate", bill.summary().dueDate().toString()),
                Map.of("bill", billId, "dueDate", newDueDate.toString()));
        return new Extension(billId, bill.summary().dueDate(), newDueDate, String.join(" ", d.reasons()),
                CurrentStaff.username().orElse("system"));
    }

    @Transactional(readOnly = true)
    public List<Extension> ofAccount(long accountId) {
        return jdbc.sql("select * from collections_extension where account_id = :a order by bill_id desc").param("a", accountId)
                .query((rs, n) -> new Extension(rs.getLong("bill_id"), rs.getObject("old_due_date", LocalDate.class),
                        rs.getObject("new_due_date", LocalDate.class), rs.getString("reasons"), rs.getString("created_by"))).list();
    }
}
