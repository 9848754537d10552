package org.civicdesk.collections.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.LateFeePolicy;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The late-fee run of a business date. Every bill whose (extended) due date plus the grace days has come by
 * that date and that has no decision yet is assessed on the past due of its assessment day (the ledger's
 * aging as of that day, capped at the bill's total due), so a day missed and caught up later decides the
 * same. Each bill's decision, fee or none, is one row and, with a fee, one journal entry (key
 * late-fee:bill:{id}, receivable against 4900 fee revenue, spread over the funds past due): a second run
 * finds the row and does nothing. The fee is a percentage, so it has no flat FeeSchedule code.
 */
@Service
class LateFees {

    static final String SOURCE = "late-fee";
    /** How far back a run looks for bills not yet decided (a long outage is still caught up). */
    static final int LOOKBACK_DAYS = 90;

    record Outcome(int assessed, int charged, Money total) {
    }

    private final Bills bills;
    private final AccountFacts facts;
    private final RulesBook rules;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    LateFees(Bills bills, AccountFacts facts, RulesBook rules, Ledger ledger, AuditTrail audit, JdbcClient jdbc,
            TransactionTemplate tx) {
        this.bills = bills;
        this.facts = facts;
        this.rules = rules;
        this.ledger = ledger;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Decides every bill due for assessment by the business date.
     *
     * @param onlyAccounts limits the run to these account numbers (a re-run for some accounts), or null for all
     */
    Outcome run(LocalDate businessDate, Collection<String> onlyAccounts) {
        CollectionsRules today = rules.on(businessDate);
        LocalDate to = businessDate.minusDays(today.lateFeeGraceDays());
        LocalDate from = to.minusDays(today.extensionMaxDays() + LOOKBACK_DAYS);
        List<BillSummary> due = bills.issuedDueBetween(from, to).stream()
                .filter(b -> onlyAccounts == null || onlyAccounts.contains(b.accountNumber())).toList();
        if (due.isEmpty()) {
            return new Outcome(0, 0, Money.ZERO);
        }
        Long[] ids = due.stream().map(BillSummary::id).toArray(Long[]::new);
        Set<Long> decided = new HashSet<>(jdbc.sql("select bill_id from collections_late_fee where bill_id = any(:ids)")
                .param("ids", ids).query(Long.class).list());
        Map<Long, LocalDate> extended = new HashMap<>();
        jdbc.sql("select bill_id, new_due_date from collections_extension where bill_id = any(:ids)").param("ids", ids)
                .query(rs -> {
                    extended.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                });
        int assessed = 0;
        int charged = 0;
        Money total = Money.ZERO;
        for (BillSummary bill : due) {
            if (decided.contains(bill.id())) {
                continue;
            }
            LocalDate dueDate = extended.getOrDefault(bill.id(), bill.dueDate());
            CollectionsRules r = rules.on(dueDate);
            LateFeePolicy policy = new LateFeePolicy(r);
            LocalDate on = policy.assessmentDate(dueDate);
            if (on.isAfter(businessDate)) {
                continue;
            }
            Money fee = tx.execute(s -> assess(bill, dueDate, on, policy));
            assessed++;
            if (fee != null && fee.isPositive()) {
                charged++;
                total = total.plus(fee);
            }
        }
        return new Outcome(assessed, charged, total);
    }

    private Money assess(BillSummary bill, LocalDate dueDate, LocalDate on, LateFeePolicy policy) {
        Map<String, Money> byFund = facts.pastDueByFund(bill.accountNumber(), on);
        Money pastDue = byFund.values().stream().reduce(Money.ZERO, Money::plus);
        Money billDue = bill.totalDue().isNegative() ? Money.ZERO : bill.totalDue();
        Money unpaid = pastDue.compareTo(billDue) < 0 ? pastDue : billDue;
        Decision d = policy.assess(new LateFeePolicy.Facts(bill.id(), dueDate, unpaid, false, on));
        if (d.amount().isPositive() && bankruptOn(bill.accountNumber(), on)) {
            // bankruptcy stops collection: the bill is decided, without a fee
            List<String> reasons = new ArrayList<>(d.reasons());
            reasons.add("Bankruptcy on file on " + on + ": collection is stopped, no late fee.");
            d = Decision.amount(Money.ZERO, reasons);
        }
        Money fee = d.amount();
        Long entryId = null;
        if (fee.isPositive()) {
            Map<String, Receivable> receivables = facts.receivables(bill.accountNumber());
            List<JournalLineRequest> lines = new ArrayList<>();
            spread(fee, byFund).forEach((fund, part) -> {
                lines.add(JournalLineRequest.debit(fund, StandardAccount.RECEIVABLES.code(), part)
                        .receivable(receivables.get(fund).id()).memo("Late fee, bill " + bill.id()));
                lines.add(JournalLineRequest.credit(fund, StandardAccount.FEE_REVENUE.code(), part));
            });
            PostedEntry entry = ledger.post(new JournalEntryRequest("late-fee:bill:" + bill.id(), on, SOURCE,
                    "Late fee of bill " + bill.id() + " (account " + bill.accountNumber() + ")", lines));
            entryId = entry.id();
        }
        int inserted = jdbc.sql("""
                insert into collections_late_fee (bill_id, account_number, assessed_on, past_due, fee, reasons, ledger_entry_id, created_at)
                values (:b, :n, :on, :pd, :fee, :r, :e, now()) on conflict (bill_id) do nothing
                """).param("b", bill.id()).param("n", bill.accountNumber()).param("on", on).param("pd", unpaid.amount())
                .param("fee", fee.amount()).param("r", String.join("\n", d.reasons())).param("e", entryId).update();
        if (inserted == 1 && fee.isPositive()) {
            audit.recordChange("account", bill.accountNumber(), "late-fee-charged", null,
                    Map.of("bill", bill.id(), "fee", fee.toString(), "pastDue", unpaid.toString(), "ledgerEntry", entryId));
        }
        return inserted == 1 ? fee : Money.ZERO;
    }

    private boolean bankruptOn(String accountNumber, LocalDate day) {
        return jdbc.sql("""
                select exists (select 1 from collections_protection p join account a on a.id = p.account_id
                                where a.account_number = :n and p.kind = 'BANKRUPTCY' and p.starts_on <= :d
                                  and (p.ended_on is null or p.ended_on > :d))""").param("n", accountNumber).param("d", day)
                .query(Boolean.class).single();
    }

    /** The fee shared over the funds in proportion to their past due; cents left over go to the largest. */
    static Map<String, Money> spread(Money fee, Map<String, Money> pastDueByFund) {
        Map<String, Money> positive = new LinkedHashMap<>();
        pastDueByFund.forEach((f, m) -> {
            if (m.isPositive()) {
                positive.put(f, m);
            }
        });
        BigDecimal total = positive.values().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String largest = positive.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        Map<String, Money> parts = new LinkedHashMap<>();
        Money given = Money.ZERO;
        for (Map.Entry<String, Money> e : positive.entrySet()) {
            Money part = new Money(fee.amount().multiply(e.getValue().amount()).divide(total, 2, RoundingMode.DOWN));
            parts.put(e.getKey(), part);
            given = given.plus(part);
        }
        parts.merge(largest, fee.minus(given), Money::plus);
        parts.values().removeIf(m -> !m.isPositive());
        return parts;
    }

    /** The late-fee decisions of an account, newest first. */
    List<Map<String, Object>> ofAccount(String accountNumber, int limit) {
        return jdbc.sql("select bill_id, assessed_on, past_due, fee, reasons from collections_late_fee where account_number = :n order by assessed_on desc, bill_id desc limit :l")
                .param("n", accountNumber).param("l", limit).query().listOfRows();
    }
}
