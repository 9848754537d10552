package org.civicdesk.cashiering.internal.files;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the bank returned, entered by hand from the bank's notice: the payment is found by check number (and
 * account), then Payments.returnPayment(id, CHECK, reason) reverses it, charges the NSF fee, writes the letter
 * and applies the cash-only rule. A check is returned once.
 */
@Service
public class ReturnedChecks {

    /** A check payment that the notice may be about. */
    public record CheckPayment(long paymentId, LocalDate businessDate, String checkNumber, Money checkAmount,
            String accounts, String source, boolean returned) {
    }

    private final JdbcClient jdbc;
    private final Payments payments;
    private final AuditTrail audit;
    private final BusinessTime time;

    ReturnedChecks(JdbcClient jdbc, Payments payments, AuditTrail audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.audit = audit;
        this.time = new BusinessTime(clock);
    }

    /** Check payments with this check number (and, when given, to this account), newest first. */
    public List<CheckPayment> find(String checkNumber, String accountNumber) {
        if (checkNumber == null || checkNumber.isBlank()) {
            throw new BusinessRuleViolation("returned-check.number", "checkNumber", "Enter the check number from the notice");
        }
        String account = accountNumber == null ? "" : accountNumber.replaceAll("[\\s-]", "");
        return jdbc.sql("""
                select p.id, p.business_date, t.check_number, t.amount,
                       (select string_agg(distinct a.target_reference, ', ') from cashiering_payment_allocation a
                        where a.payment_id = p.id) as accounts, p.source,
                       exists (select 1 from cashiering_payment_reversal r where r.payment_id = p.id) as returned
                from cashiering_payment p join cashiering_payment_tender t on t.payment_id = p.id
                where t.tender_type = 'CHECK' and t.check_number = :c
                  and (:a = '' or exists (select 1 from cashiering_payment_allocation a
                                          where a.payment_id = p.id and a.target_reference = :a))
                order by p.business_date desc, p.id desc limit 50""")
                .param("c", checkNumber.strip()).param("a", account)
                .query((rs, i) -> new CheckPayment(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        Money.of(rs.getBigDecimal(4)), rs.getString(5), rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    @Transactional
    public PostedPayment enter(long paymentId, String checkNumber, String reason, LocalDate noticeDate) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("returned-check.reason", "reason",
                    "Enter the bank's reason (e.g. NSF, account closed, stop payment)");
        }
        String check = checkNumber == null ? "" : checkNumber.strip();
        boolean paidByThatCheck = jdbc.sql("""
                select exists (select 1 from cashiering_payment_tender
                               where payment_id = :p and tender_type = 'CHECK' and check_number = :c)""")
                .param("p", paymentId).param("c", check).query(Boolean.class).single();
        if (!paidByThatCheck) {
            throw new BusinessRuleViolation("returned-check.payment", "checkNumber",
                    "Payment " + paymentId + " was not paid with check " + check);
        }
        int inserted = jdbc.sql("""
                insert into returned_check (payment_id, check_number, reason, notice_date, entered_at, entered_by)
                values (:p, :c, :r, :d, :now, :by) on conflict (payment_id) do nothing""")
                .param("p", paymentId).param("c", check).param("r", reason.strip())
                .param("d", noticeDate == null ? time.today() : noticeDate).param("now", Timestamp.from(time.now()))
                .param("by", CurrentStaff.username().orElse("system")).update();
        if (inserted == 0) {
            throw new Conflict("returned-check.duplicate", "Check " + check + " of payment " + paymentId
                    + " was already entered as returned");
        }
        PostedPayment reversed = payments.returnPayment(paymentId, "CHECK", "Returned check " + check + ": " + reason.strip());
        audit.recordChange("returned_check", Long.toString(paymentId), "entered", null,
                Map.of("paymentId", paymentId, "checkNumber", check, "reason", reason.strip()));
        return reversed;
    }
}
