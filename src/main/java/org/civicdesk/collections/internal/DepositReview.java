package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.PaymentHistory;
import org.civicdesk.cashiering.Refunds;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
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
 * The daily deposit review of a business date, in three steps, each idempotent (a release is one row per
 * deposit and one entry under key deposit-release:{id}; a top-up one row and key deposit-top-up:{id}):
 * <ol>
 * <li>pending surety bonds past their due date lapse: the rest of the deposit is charged (receivable against 2100);</li>
 * <li>deposits of accounts whose every service has stopped and whose final bill is issued are applied to what the
 * account owes (2100 against the receivables; another fund's through the interfund accounts) and the rest goes to
 * unapplied credits with a refund request in cashiering's refund workflow;</li>
 * <li>deposits held 12 months or more on accounts still in service, with no late payment (a late fee charged) and
 * no returned payment in the last 12 months, are credited to the account (2100 against the receivable). Found
 * set-based from collections' own tables, returns asked of cashiering per chunk, posted with Ledger.postAll per
 * chunk.</li>
 * </ol>
 * Reads customer's service_agreement and billing's bill and bill_cancellation tables in SQL (read only) to find
 * stopped, final-billed accounts among a million without one call per account.
 */
@Service
class DepositReview {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DepositReview.class);

    static final int CHUNK = 500;

    /** What one run did (a second run of the same date does nothing: all zero). */
    record Outcome(int bondsLapsed, int reviewed, int credited, Money creditedTotal, int applied, Money appliedTotal,
            int refunds, Money refundedTotal) {
    }

    private final Deposits deposits;
    private final AccountFacts facts;
    private final Ledger ledger;
    private final PaymentHistory payments;
    private final Refunds refunds;
    private final DepositLetters letters;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DepositReview(Deposits deposits, AccountFacts facts, Ledger ledger, PaymentHistory payments, Refunds refunds,
            DepositLetters letters, AuditTrail audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.deposits = deposits;
        this.facts = facts;
        this.ledger = ledger;
        this.payments = payments;
        this.refunds = refunds;
        this.letters = letters;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    Outcome run(LocalDate date) {
        return run(date, null);
    }

    /**
     * The review of the date.
     *
     * @param onlyAccounts limits the run to these account numbers (tests on the shared database), or null for all
     */
    Outcome run(LocalDate date, java.util.Collection<String> onlyAccounts) {
        String[] only = onlyAccounts == null ? null : onlyAccounts.toArray(String[]::new);
        int lapsed = lapseBonds(date, only);
        int[] applied = {0, 0};
        Money[] appliedTotals = {Money.ZERO, Money.ZERO};
        List<Long> finalBilled = finalBilled(date, only);
        for (int from = 0; from < finalBilled.size(); from += CHUNK) {
            List<Long> chunk = finalBilled.subList(from, Math.min(finalBilled.size(), from + CHUNK));
            List<Deposits.DepositEvent> done;
            try {
                done = tx.execute(s -> applyToFinalBills(chunk, date));
            } catch (RuntimeException chunkFailed) {
                // one account's bad data fails its chunk: each deposit again on its own, the bad one left for tomorrow
                done = new ArrayList<>();
                for (Long id : chunk) {
                    try {
                        done.addAll(tx.execute(s -> applyToFinalBills(List.of(id), date)));
                    } catch (RuntimeException e) {
                        log.warn("Deposit {} not applied to the final bill on {}: {}", id, date, e.getMessage());
                    }
                }
            }
            for (Deposits.DepositEvent e : done) {
                applied[0]++;
                appliedTotals[0] = appliedTotals[0].plus(e.applied());
                if (e.refunded().isPositive()) {
                    applied[1]++;
                    appliedTotals[1] = appliedTotals[1].plus(e.refunded());
                }
            }
        }
        Credited credit = creditGoodMonths(date, only);
        return new Outcome(lapsed, credit.reviewed(), credit.credited(), credit.total(), applied[0], appliedTotals[0], applied[1],
                appliedTotals[1]);
    }

    private record Credited(int reviewed, int credited, Money total) {
    }

    // ---- 1. surety bonds past due

    private int lapseBonds(LocalDate date, String[] only) {
        List<Long> due = jdbc.sql("""
                select deposit_id from collections_surety_bond where status = 'PENDING' and due_by < :d
                   and (cast(:only as text[]) is null or account_number = any(cast(:only as text[]))) order by deposit_id""")
                .param("d", date).param("only", only, java.sql.Types.ARRAY).query(Long.class).list();
        int n = 0;
        for (Long id : due) {
            Boolean done = tx.execute(s -> lapse(id, date));
            if (Boolean.TRUE.equals(done)) {
                n++;
            }
        }
        return n;
    }

    private boolean lapse(long depositId, LocalDate date) {
        Map<String, Object> b = jdbc.sql("""
                select b.account_number, b.full_amount, b.cash_month, b.due_by, d.fund_code, d.account_id
                  from collections_surety_bond b join collections_deposit d on d.id = b.deposit_id
                 where b.deposit_id = :d and b.status = 'PENDING' for update of b""").param("d", depositId).query().listOfRows()
                .stream().findFirst().orElse(null);
        if (b == null) {
            return false;
        }
        String number = (String) b.get("account_number");
        Money rest = Money.of((java.math.BigDecimal) b.get("full_amount")).minus(Money.of((java.math.BigDecimal) b.get("cash_month")));
        LocalDate dueBy = ((java.sql.Date) b.get("due_by")).toLocalDate();
        String fund = (String) b.get("fund_code");
        jdbc.sql("update collections_surety_bond set status = 'LAPSED', status_on = :t where deposit_id = :d")
                .param("t", date).param("d", depositId).update();
        List<String> reasons = List.of("No surety bond by " + dueBy + ": the rest of the deposit, " + rest.formatted() + ", is charged.");
        if (rest.isPositive()) {
            AccountDetails account = facts.account(new AccountNumber(number));
            Receivable r = ledger.openReceivable(AccountFacts.RECEIVABLE_TYPE, fund, number, account.customerName());
            PostedEntry entry = ledger.post(new JournalEntryRequest("deposit-top-up:" + depositId, date, Deposits.SOURCE,
                    "Rest of deposit " + depositId + " of account " + number + " (surety bond lapsed)", List.of(
                            JournalLineRequest.debit(fund, StandardAccount.RECEIVABLES.code(), rest).receivable(r.id()).due(date)
                                    .memo("Deposit, rest after the surety bond lapsed"),
                            JournalLineRequest.credit(fund, StandardAccount.CUSTOMER_DEPOSITS.code(), rest))));
            deposits.insertEvent(depositId, number, "TOP_UP", date, rest, Money.ZERO, Money.ZERO, null, reasons, entry.id());
        }
        audit.recordChange("account", number, "surety-bond-lapsed", Map.of("status", "PENDING"),
                Map.of("status", "LAPSED", "restCharged", rest.toString()));
        return true;
    }

    // ---- 2. final bills

    /** Deposits not released of accounts with every service stopped by the date and a bill since the last stop. */
    List<Long> finalBilled(LocalDate date, String[] only) {
        return jdbc.sql("""
                select d.id from collections_deposit d
                 where not exists (select 1 from collections_deposit_event e where e.deposit_id = d.id
                                     and e.kind in ('CREDITED', 'APPLIED', 'BOND_RECEIVED'))
                   and exists (select 1 from service_agreement sa where sa.account_id = d.account_id)
                   and not exists (select 1 from service_agreement sa where sa.account_id = d.account_id
                                     and (sa.end_date is null or sa.end_date > :d or sa.status <> 'STOPPED'))
                   and exists (select 1 from bill b where b.account_id = d.account_id and b.bill_date <= :d
                                 and b.bill_date >= (select max(sa.end_date) from service_agreement sa where sa.account_id = d.account_id)
                                 and not exists (select 1 from bill_cancellation c where c.bill_id = b.id))
                   and (cast(:only as text[]) is null or d.account_number = any(cast(:only as text[])))
                 order by d.id""").param("d", date).param("only", only, java.sql.Types.ARRAY).query(Long.class).list();
    }

    /**
     * Applies each deposit of the chunk to what its account owes after the final bill and asks for a refund of the
     * rest. Per deposit one entry (key deposit-release:{id}): 2100 of the deposit's fund against its receivable,
     * another fund's receivable through 2900/1900, and 2200 unapplied credits for the rest (the refund workflow pays
     * it out of 2200). The chunk's deposits, receivables, entries, event rows, audit records and letters are read
     * and written a statement or a few each; refunds are requested one by one (cashiering's workflow).
     */
    private List<Deposits.DepositEvent> applyToFinalBills(List<Long> depositIds, LocalDate date) {
        record Held(long id, long accountId, String number, String customerName, String fund, Money held) {
        }
        // the deposits not yet released (locked: a concurrent run waits, then finds them released), with what is held
        List<Held> open = jdbc.sql("""
                select d.id, d.account_id, d.account_number, c.display_name, d.fund_code,
                       d.amount + coalesce((select sum(e.amount) from collections_deposit_event e
                                             where e.deposit_id = d.id and e.kind = 'TOP_UP'), 0) as held
                  from collections_deposit d join account a on a.id = d.account_id join customer c on c.id = a.customer_id
                 where d.id = any(:ids)
                   and not exists (select 1 from collections_deposit_event e where e.deposit_id = d.id and e.kind <> 'TOP_UP')
                 order by d.id
                   for update of d""").param("ids", depositIds.toArray(Long[]::new))
                .query((rs, n) -> new Held(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Money.of(rs.getBigDecimal(6))))
                .list().stream().filter(h -> h.held().isPositive()).toList();
        if (open.isEmpty()) {
            return List.of();
        }
        List<String> numbers = open.stream().map(Held::number).toList();
        Map<String, Map<String, Receivable>> receivables = new HashMap<>();
        for (String fund : AccountFacts.FUNDS) {
            ledger.findReceivables(AccountFacts.RECEIVABLE_TYPE, fund, numbers)
                    .forEach((n, r) -> receivables.computeIfAbsent(n, k -> new HashMap<>()).put(fund, r));
        }
        List<Plan> plans = new ArrayList<>(open.size());
        List<JournalEntryRequest> requests = new ArrayList<>(open.size());
        for (Held d : open) {
            Map<String, Receivable> ofAccount = receivables.getOrDefault(d.number(), Map.of());
            Map<String, Money> owed = new LinkedHashMap<>();
            // the deposit's own fund first, then the others in the usual order
            List<String> order = new ArrayList<>();
            order.add(d.fund());
            AccountFacts.FUNDS.stream().filter(f -> !f.equals(d.fund())).forEach(order::add);
            for (String f : order) {
                Receivable r = ofAccount.get(f);
                if (r != null) {
                    Money balance = ledger.receivableBalance(r.id(), date).balance();
                    if (balance.isPositive()) {
                        owed.put(f, balance);
                    }
                }
            }
            Plan plan = plan(d.held(), owed);
            List<JournalLineRequest> lines = new ArrayList<>();
            lines.add(JournalLineRequest.debit(d.fund(), StandardAccount.CUSTOMER_DEPOSITS.code(), d.held()));
            plan.applied().forEach((f, amount) -> {
                if (f.equals(d.fund())) {
                    lines.add(JournalLineRequest.credit(f, StandardAccount.RECEIVABLES.code(), amount).receivable(ofAccount.get(f).id())
                            .memo("Deposit applied to the final bill"));
                } else {
                    lines.add(JournalLineRequest.credit(d.fund(), StandardAccount.DUE_TO_OTHER_FUNDS.code(), amount).memo("Deposit to " + f));
                    lines.add(JournalLineRequest.debit(f, StandardAccount.DUE_FROM_OTHER_FUNDS.code(), amount).memo("Deposit from " + d.fund()));
                    lines.add(JournalLineRequest.credit(f, StandardAccount.RECEIVABLES.code(), amount).receivable(ofAccount.get(f).id())
                            .memo("Deposit applied to the final bill"));
                }
            });
            if (plan.rest().isPositive()) {
                lines.add(JournalLineRequest.credit(d.fund(), StandardAccount.UNAPPLIED_CREDITS.code(), plan.rest())
                        .memo("Deposit rest to refund, account " + d.number()));
            }
            plans.add(plan);
            requests.add(new JournalEntryRequest("deposit-release:" + d.id(), date, Deposits.SOURCE,
                    "Deposit " + d.id() + " of account " + d.number() + " applied to the final bill", lines));
        }
        List<PostedEntry> posted = ledger.postAll(requests);
        List<Deposits.DepositEvent> events = new ArrayList<>(open.size());
        List<AuditTrail.Change> changes = new ArrayList<>(open.size());
        List<org.civicdesk.customer.Letters.Request> appliedLetters = new ArrayList<>(open.size());
        Long[] refundIds = new Long[open.size()];
        String[] reasonTexts = new String[open.size()];
        for (int i = 0; i < open.size(); i++) {
            Held d = open.get(i);
            Plan plan = plans.get(i);
            PostedEntry entry = posted.get(i);
            Long refundId = null;
            if (plan.rest().isPositive()) {
                refundId = refunds.request(AccountFacts.RECEIVABLE_TYPE, d.number(), d.customerName(), d.fund(), plan.rest(),
                        "Deposit " + d.id() + ": the rest after the final bill");
            }
            List<String> reasons = new ArrayList<>();
            reasons.add("Every service stopped and the final bill issued: the deposit of " + d.held().formatted() + " is applied.");
            reasons.add("Applied to what the account owed: " + plan.appliedTotal().formatted() + ".");
            reasons.add(plan.rest().isPositive() ? "Refunded through the refund workflow: " + plan.rest().formatted() + " (refund " + refundId + ")."
                    : "Nothing left to refund.");
            refundIds[i] = refundId;
            reasonTexts[i] = String.join("\n", reasons);
            changes.add(new AuditTrail.Change(d.number(), Map.of("held", d.held().toString()),
                    Map.of("deposit", d.id(), "applied", plan.appliedTotal().toString(), "refunded", plan.rest().toString(),
                            "refund", refundId == null ? "" : refundId, "ledgerEntry", entry.id())));
            appliedLetters.add(letters.request(d.accountId(), "DEPOSIT_APPLIED", d.held().formatted(), null,
                    "Applied to your final bill: " + plan.appliedTotal().formatted() + ". "
                            + (plan.rest().isPositive() ? "The rest, " + plan.rest().formatted() + ", will be refunded to you by check."
                                    : "Nothing is left to refund.")));
            events.add(new Deposits.DepositEvent("APPLIED", date, d.held(), plan.appliedTotal(), plan.rest(), refundId, reasons,
                    entry.id()));
        }
        jdbc.sql("""
                insert into collections_deposit_event (deposit_id, account_number, kind, business_date, amount, applied, refunded,
                  refund_id, reasons, ledger_entry_id, created_at)
                select d, n, 'APPLIED', :b, a, ap, rf, rid, r, e, :at
                  from unnest(cast(:d as bigint[]), cast(:n as text[]), cast(:a as numeric[]), cast(:ap as numeric[]),
                              cast(:rf as numeric[]), cast(:rid as bigint[]), cast(:r as text[]), cast(:e as bigint[]))
                       with ordinality as t(d, n, a, ap, rf, rid, r, e, k)
                 order by k""")
                .param("d", open.stream().map(Held::id).toArray(Long[]::new))
                .param("n", open.stream().map(Held::number).toArray(String[]::new))
                .param("a", open.stream().map(h -> h.held().amount().toPlainString()).toArray(String[]::new))
                .param("ap", plans.stream().map(p -> p.appliedTotal().amount().toPlainString()).toArray(String[]::new))
                .param("rf", plans.stream().map(p -> p.rest().amount().toPlainString()).toArray(String[]::new))
                .param("rid", refundIds).param("r", reasonTexts)
                .param("e", posted.stream().map(PostedEntry::id).toArray(Long[]::new))
                .param("b", date).param("at", java.sql.Timestamp.from(clock.instant())).update();
        audit.recordChanges("account", "deposit-applied", changes);
        letters.sendAll(appliedLetters);
        return events;
    }

    /** How a deposit covers what is owed, fund by fund in the given order, and what is left to refund. */
    record Plan(Map<String, Money> applied, Money appliedTotal, Money rest) {
    }

    static Plan plan(Money held, Map<String, Money> owedInOrder) {
        Map<String, Money> applied = new LinkedHashMap<>();
        Money left = held;
        for (Map.Entry<String, Money> e : owedInOrder.entrySet()) {
            if (!left.isPositive()) {
                break;
            }
            Money part = e.getValue().compareTo(left) < 0 ? e.getValue() : left;
            if (part.isPositive()) {
                applied.put(e.getKey(), part);
                left = left.minus(part);
            }
        }
        return new Plan(applied, held.minus(left), left);
    }

    // ---- 3. twelve good months

    private Credited creditGoodMonths(LocalDate date, String[] only) {
        LocalDate yearAgo = date.minusMonths(12);
        ZoneId zone = clock.getZone();
        java.sql.Timestamp cutoff = java.sql.Timestamp.from(yearAgo.plusDays(1).atStartOfDay(zone).toInstant());
        record Candidate(long id, long accountId, String number, String fund, Money held) {
        }
        List<Candidate> candidates = jdbc.sql("""
                select d.id, d.account_id, d.account_number, d.fund_code,
                       d.amount + coalesce((select e.amount from collections_deposit_event e
                                             where e.deposit_id = d.id and e.kind = 'TOP_UP'), 0) as held
                  from collections_deposit d
                 where d.created_at < :cutoff
                   and not exists (select 1 from collections_deposit_event e where e.deposit_id = d.id
                                     and e.kind in ('CREDITED', 'APPLIED', 'BOND_RECEIVED'))
                   and not exists (select 1 from collections_surety_bond b where b.deposit_id = d.id and b.status = 'PENDING')
                   and exists (select 1 from service_agreement sa where sa.account_id = d.account_id
                                 and (sa.end_date is null or sa.end_date > :d))
                   and (cast(:only as text[]) is null or d.account_number = any(cast(:only as text[])))
                 order by d.id""").param("cutoff", cutoff).param("d", date).param("only", only, java.sql.Types.ARRAY)
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Money.of(rs.getBigDecimal(5)))).list();
        int credited = 0;
        Money total = Money.ZERO;
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            String[] numbers = chunk.stream().map(Candidate::number).toArray(String[]::new);
            Set<String> late = Set.copyOf(jdbc.sql("""
                    select distinct account_number from collections_late_fee
                     where account_number = any(:n) and assessed_on > :y and assessed_on <= :d and fee > 0""")
                    .param("n", numbers).param("y", yearAgo).param("d", date).query(String.class).list());
            Set<String> returned = payments.withReturnsSince(List.of(numbers), yearAgo.plusDays(1));
            List<Candidate> good = chunk.stream().filter(c -> !late.contains(c.number()) && !returned.contains(c.number())
                    && c.held().isPositive()).toList();
            if (good.isEmpty()) {
                continue;
            }
            List<Candidate> done = tx.execute(s -> {
                Map<String, List<Candidate>> byFund = new HashMap<>();
                good.forEach(c -> byFund.computeIfAbsent(c.fund(), f -> new ArrayList<>()).add(c));
                Map<Long, Receivable> receivableOf = new HashMap<>();
                byFund.forEach((fund, cs) -> {
                    Map<String, Receivable> found = ledger.findReceivables(AccountFacts.RECEIVABLE_TYPE, fund,
                            cs.stream().map(Candidate::number).toList());
                    cs.forEach(c -> {
                        if (found.containsKey(c.number())) {
                            receivableOf.put(c.id(), found.get(c.number()));
                        }
                    });
                });
                // the deposit charge opened the receivable; one missing is a fault of data, skipped and logged by the count
                List<Candidate> posting = good.stream().filter(c -> receivableOf.containsKey(c.id())).toList();
                // a release already made (a concurrent run) is skipped by the unique release row below
                Set<Long> released = Set.copyOf(jdbc.sql("""
                        select deposit_id from collections_deposit_event where deposit_id = any(:ids)
                           and kind in ('CREDITED', 'APPLIED', 'BOND_RECEIVED') for update""")
                        .param("ids", posting.stream().map(Candidate::id).toArray(Long[]::new)).query(Long.class).list());
                List<Candidate> fresh = posting.stream().filter(c -> !released.contains(c.id())).toList();
                if (fresh.isEmpty()) {
                    return List.<Candidate>of();
                }
                List<JournalEntryRequest> requests = fresh.stream().map(c -> new JournalEntryRequest("deposit-release:" + c.id(), date,
                        Deposits.SOURCE, "Deposit " + c.id() + " of account " + c.number() + " credited after 12 good months", List.of(
                                JournalLineRequest.debit(c.fund(), StandardAccount.CUSTOMER_DEPOSITS.code(), c.held()),
                                JournalLineRequest.credit(c.fund(), StandardAccount.RECEIVABLES.code(), c.held())
                                        .receivable(receivableOf.get(c.id()).id()).memo("Deposit credited")))).toList();
                List<PostedEntry> posted = ledger.postAll(requests);
                String reason = "12 consecutive months (" + yearAgo.plusDays(1) + " to " + date
                        + ") without a late or returned payment: the deposit is credited to the account.";
                jdbc.sql("""
                        insert into collections_deposit_event (deposit_id, account_number, kind, business_date, amount, reasons,
                          ledger_entry_id, created_at)
                        select d, n, 'CREDITED', :b, a, :r, e, :at from unnest(:ids, :ns, :as, :es) as x (d, n, a, e)""")
                        .param("b", date).param("r", reason).param("at", java.sql.Timestamp.from(clock.instant()))
                        .param("ids", fresh.stream().map(Candidate::id).toArray(Long[]::new))
                        .param("ns", fresh.stream().map(Candidate::number).toArray(String[]::new))
                        .param("as", fresh.stream().map(c -> c.held().amount()).toArray(java.math.BigDecimal[]::new))
                        .param("es", posted.stream().map(PostedEntry::id).toArray(Long[]::new)).update();
                List<AuditTrail.Change> changes = new java.util.ArrayList<>(fresh.size());
                List<org.civicdesk.customer.Letters.Request> creditLetters = new ArrayList<>(fresh.size());
                for (int i = 0; i < fresh.size(); i++) {
                    Candidate c = fresh.get(i);
                    changes.add(new AuditTrail.Change(c.number(), Map.of("held", c.held().toString()),
                            Map.of("deposit", c.id(), "amount", c.held().toString(), "ledgerEntry", posted.get(i).id())));
                    creditLetters.add(letters.request(c.accountId(), "DEPOSIT_CREDITED", c.held().formatted(), null, null));
                }
                audit.recordChanges("account", "deposit-credited", changes);
                letters.sendAll(creditLetters);
                return fresh;
            });
            for (Candidate c : done == null ? List.<Candidate>of() : done) {
                credited++;
                total = total.plus(c.held());
            }
        }
        return new Credited(candidates.size(), credited, total);
    }
}
