package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.collections.ArrangementEligibilityPolicy;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.collections.PolicyRefusal;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment arrangements. Creating one re-ages the past due in the ledger: per fund, the past due is credited
 * and the same amount debited again as monthly installments falling due from next month (source
 * arrangement-installment), so the account is no longer past due while it keeps to the plan. An installment
 * still unpaid the rules' grace days after its due date breaks the arrangement (the account returns to the
 * collection schedule); the last one paid completes it.
 */
@Service
class Arrangements {

    static final String SOURCE = "arrangement-installment";

    record Arrangement(long id, LocalDate createdOn, Money amount, int months, String status, LocalDate statusOn,
            String statusReason, List<String> reasons, List<Installment> installments) {
    }

    record Installment(int number, LocalDate dueDate, Money amount) {
    }

    private final AccountFacts facts;
    private final RulesBook rules;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Arrangements(AccountFacts facts, RulesBook rules, Ledger ledger, AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.facts = facts;
        this.rules = rules;
        this.ledger = ledger;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static Decision eligibility(AccountFacts.Standing s, CollectionsRules r, Integer months) {
        return new ArrangementEligibilityPolicy(r).decide(new ArrangementEligibilityPolicy.Facts(s.pastDue(),
                s.arrangementsLast12Months(), s.brokenLast12Months(), false, s.finalBill(), s.lastPaymentReturned(),
                s.currentArrangementId() != null, months));
    }

    /** Creates an arrangement over the months; refused with the policy's reasons, nothing written. */
    @Transactional
    public Arrangement create(AccountNumber number, Integer months) {
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        if (months == null) {
            throw new BusinessRuleViolation("collections.arrangement-months", "months",
                    "Give the number of months, 1 to " + r.arrangementMaxMonths());
        }
        AccountFacts.Standing s = facts.of(number, today);
        Decision d = eligibility(s, r, months);
        if (!d.granted()) {
            throw new PolicyRefusal("collections.arrangement-refused", "months",
                    "Not eligible for a payment arrangement: " + d.reasons().get(0), d);
        }
        Map<String, Receivable> receivables = facts.receivables(s.accountNumber());
        List<JournalLineRequest> lines = new ArrayList<>();
        Map<Integer, Money> perMonth = new TreeMap<>();
        for (Map.Entry<String, Money> e : s.pastDueByFund().entrySet()) {
            if (!e.getValue().isPositive()) {
                continue;
            }
            long rec = receivables.get(e.getKey()).id();
            String control = StandardAccount.RECEIVABLES.code();
            lines.add(JournalLineRequest.credit(e.getKey(), control, e.getValue()).receivable(rec).memo("Past due moved to the arrangement"));
            List<Money> parts = split(e.getValue(), months);
            for (int i = 0; i < months; i++) {
                if (parts.get(i).isPositive()) {
                    lines.add(JournalLineRequest.debit(e.getKey(), control, parts.get(i)).receivable(rec)
                            .due(today.plusMonths(i + 1)).memo("Arrangement installment " + (i + 1) + " of " + months));
                    perMonth.merge(i + 1, parts.get(i), Money::plus);
                }
            }
        }
        PostedEntry entry = ledger.post(new JournalEntryRequest("arrangement:account:" + s.accountNumber() + ":" + today,
                today, SOURCE, "Payment arrangement of account " + s.accountNumber() + " over " + months + " months", lines));
        long id = jdbc.sql("""
                insert into collections_arrangement (account_id, account_number, created_on, amount, months, status, status_on,
                  reasons, ledger_entry_id, created_at, created_by)
                values (:a, :n, :d, :amount, :m, 'CURRENT', :d, :reasons, :e, :at, :by) returning id
                """).param("a", s.account().id()).param("n", s.accountNumber()).param("d", today)
                .param("amount", s.pastDue().amount()).param("m", months).param("reasons", String.join("\n", d.reasons()))
                .param("e", entry.id()).param("at", java.sql.Timestamp.from(clock.instant()))
                .param("by", CurrentStaff.username().orElse("system")).query(Long.class).single();
        perMonth.forEach((n, amount) -> jdbc.sql("""
                insert into collections_arrangement_installment (arrangement_id, number, due_date, amount) values (:a, :n, :d, :m)
                """).param("a", id).param("n", n).param("d", today.plusMonths(n)).param("m", amount.amount()).update());
        audit.recordChange("account", s.accountNumber(), "arrangement-created", null,
                Map.of("arrangement", id, "amount", s.pastDue().toString(), "months", months, "ledgerEntry", entry.id()));
        return arrangement(id);
    }

    static List<Money> split(Money total, int count) {
        long cents = total.cents();
        long each = cents / count;
        List<Money> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(Money.ofCents(i == 0 ? each + cents % count : each));
        }
        return parts;
    }

    @Transactional(readOnly = true)
    public Arrangement arrangement(long id) {
        List<Installment> installments = jdbc.sql("""
                select number, due_date, amount from collections_arrangement_installment where arrangement_id = :a order by number
                """).param("a", id).query((rs, n) -> new Installment(rs.getInt(1), rs.getObject(2, LocalDate.class),
                Money.of(rs.getBigDecimal(3)))).list();
        return jdbc.sql("select * from collections_arrangement where id = :id").param("id", id)
                .query((rs, n) -> new Arrangement(rs.getLong("id"), rs.getObject("created_on", LocalDate.class),
                        Money.of(rs.getBigDecimal("amount")), rs.getInt("months"), rs.getString("status"),
                        rs.getObject("status_on", LocalDate.class), rs.getString("status_reason"),
                        List.of(rs.getString("reasons").split("\n")), installments)).single();
    }

    /** The account's arrangements, newest first. */
    @Transactional(readOnly = true)
    public List<Arrangement> ofAccount(long accountId) {
        return jdbc.sql("select id from collections_arrangement where account_id = :a order by id desc")
                .param("a", accountId).query(Long.class).list().stream().map(this::arrangement).toList();
    }

    /**
     * Looks at every current arrangement on the business date: broken when an installment is unpaid the grace
     * days after its due date, completed when the last one is paid. Idempotent: a decided arrangement is not
     * looked at again.
     *
     * @return how many changed status
     */
    @Transactional
    public int review(LocalDate today) {
        CollectionsRules r = rules.on(today);
        int changed = 0;
        List<Map<String, Object>> current = jdbc.sql("""
                select a.id, a.account_number,
                       (select max(due_date) from collections_arrangement_installment i where i.arrangement_id = a.id) as last_due,
                       (select min(due_date) from collections_arrangement_installment i where i.arrangement_id = a.id
                          and i.due_date <= :cutoff) as first_passed
                  from collections_arrangement a where a.status = 'CURRENT' order by a.id
                """).param("cutoff", today.minusDays(r.arrangementGraceDays())).query().listOfRows();
        for (Map<String, Object> row : current) {
            if (row.get("first_passed") == null) {
                continue;
            }
            String number = (String) row.get("account_number");
            LocalDate lastDue = ((java.sql.Date) row.get("last_due")).toLocalDate();
            LocalDate checkedAt = today.minusDays(r.arrangementGraceDays());
            // Past due as of the grace cutoff: what fell due before it and is still unpaid now is the broken part.
            Money pastDue = facts.pastDueByFund(number, checkedAt.plusDays(1)).values().stream().reduce(Money.ZERO, Money::plus);
            String status = null;
            String reason = null;
            if (pastDue.isPositive()) {
                status = "BROKEN";
                reason = pastDue.formatted() + " due by " + checkedAt + " was still unpaid " + r.arrangementGraceDays()
                        + " days later: the account returns to the collection schedule.";
            } else if (!lastDue.isAfter(checkedAt)) {
                status = "COMPLETED";
                reason = "Every installment was paid.";
            }
            if (status != null) {
                long id = ((Number) row.get("id")).longValue();
                jdbc.sql("update collections_arrangement set status = :s, status_on = :d, status_reason = :r where id = :id and status = 'CURRENT'")
                        .param("s", status).param("d", today).param("r", reason).param("id", id).update();
                audit.recordChange("account", number, "arrangement-" + status.toLowerCase(), Map.of("arrangement", id, "status", "CURRENT"),
                        Map.of("arrangement", id, "status", status, "reason", reason));
                changed++;
            }
        }
        return changed;
    }
}
