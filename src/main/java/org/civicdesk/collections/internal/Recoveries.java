package org.civicdesk.collections.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.CreditBalances;
import org.civicdesk.cashiering.PaymentHistory;
import org.civicdesk.cashiering.PaymentHolds;
import org.civicdesk.cashiering.PaymentPosted;
import org.civicdesk.cashiering.PaymentsPosted;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Payments on written-off accounts are recoveries. The payment stays as cashiering posted it (an unapplied
 * credit, the account owing nothing); collections then reinstates the receivable for the amount paid (at most
 * what is still unrecovered) against 4950 bad-debt recoveries, fund by fund in the write-off's order (key
 * recovery:payment:{id}:account:{n}, one row per payment and account), and has cashiering apply the account's
 * credit to it. Also tells cashiering to keep payments to a closed account that still owes or was written off
 * (PaymentHolds), instead of holding them for a refund.
 */
@Service
class Recoveries implements PaymentHolds {

    static final String SOURCE = "bad-debt-recovery";
    static final String RECOVERY_ACCOUNT = "4950";

    private final AccountFacts facts;
    private final Ledger ledger;
    private final PaymentHistory payments;
    private final CreditBalances credits;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Recoveries(AccountFacts facts, Ledger ledger, PaymentHistory payments, CreditBalances credits, AuditTrail audit,
            JdbcClient jdbc, Clock clock) {
        this.facts = facts;
        this.ledger = ledger;
        this.payments = payments;
        this.credits = credits;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean keepsPaymentsFor(String accountNumber) {
        if (jdbc.sql("select exists (select 1 from collections_write_off where account_number = :n)").param("n", accountNumber)
                .query(Boolean.class).single()) {
            return true;
        }
        Money owed = Money.ZERO;
        for (Receivable r : facts.receivables(accountNumber).values()) {
            owed = owed.plus(ledger.receivableBalance(r.id(), java.time.LocalDate.now(clock)).balance());
        }
        return owed.isPositive();
    }

    /** The same rule for many closed accounts at once: write-offs in one query, receivables per fund, balances in one. */
    @Override
    public java.util.Set<String> keepingPaymentsFor(java.util.Collection<String> accountNumbers) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        if (accountNumbers.isEmpty()) {
            return kept;
        }
        String[] numbers = accountNumbers.stream().distinct().toArray(String[]::new);
        kept.addAll(jdbc.sql("select distinct account_number from collections_write_off where account_number = any(:n)")
                .param("n", numbers).query(String.class).list());
        Map<Long, String> accountOf = new java.util.HashMap<>();
        for (String fund : AccountFacts.FUNDS) {
            ledger.findReceivables(AccountFacts.RECEIVABLE_TYPE, fund, java.util.Arrays.asList(numbers))
                    .forEach((number, r) -> accountOf.put(r.id(), number));
        }
        Map<String, Money> owed = new java.util.HashMap<>();
        ledger.receivableBalances(accountOf.keySet()).forEach((id, balance) -> owed.merge(accountOf.get(id), balance, Money::plus));
        owed.forEach((number, total) -> {
            if (total.isPositive()) {
                kept.add(number);
            }
        });
        return kept;
    }

    /**
     * A payment, right after cashiering committed it: called by CollectionsPaymentHooks' listener, in its
     * transaction, before the payment's effect on disconnects (one listener of the payment event instead of two:
     * each listener is a publication row written, marked and completed, and transactions of its own).
     */
    void on(PaymentPosted event) {
        for (PaymentTarget t : event.targets()) {
            if (AccountFacts.RECEIVABLE_TYPE.equals(t.receivableType())) {
                AuditActor.runAs("system:collections", () -> recover(event, t.reference()));
            }
        }
    }

    /**
     * A batch of payments (lockbox chunk, autopay file): each as if it had come alone, but only the accounts that
     * were written off are looked at, found in one query (a lockbox chunk's accounts mostly were not). Called by
     * CollectionsPaymentHooks' listener, as for one payment.
     */
    void on(PaymentsPosted batch) {
        String[] accounts = batch.payments().stream().flatMap(p -> p.targets().stream())
                .filter(t -> AccountFacts.RECEIVABLE_TYPE.equals(t.receivableType())).map(PaymentTarget::reference)
                .distinct().toArray(String[]::new);
        if (accounts.length == 0) {
            return;
        }
        java.util.Set<String> writtenOff = new java.util.HashSet<>(jdbc.sql(
                "select distinct account_number from collections_write_off where account_number = any(:n)")
                .param("n", accounts).query(String.class).list());
        if (writtenOff.isEmpty()) {
            return;
        }
        for (PaymentPosted payment : batch.payments()) {
            for (PaymentTarget t : payment.targets()) {
                if (AccountFacts.RECEIVABLE_TYPE.equals(t.receivableType()) && writtenOff.contains(t.reference())) {
                    AuditActor.runAs("system:collections", () -> recover(payment, t.reference()));
                }
            }
        }
    }

    /** Posts the recovery of one payment to one account, if the account was written off; idempotent per pair. */
    void recover(PaymentPosted event, String accountNumber) {
        Map<String, Object> w = jdbc.sql("""
                select w.id, w.by_fund, w.amount,
                       coalesce((select sum(r.amount) from collections_recovery r where r.write_off_id = w.id), 0) as recovered,
                       exists (select 1 from collections_recovery r where r.payment_id = :p and r.account_number = w.account_number) as done
                  from collections_write_off w where w.account_number = :n for update of w""")
                .param("n", accountNumber).param("p", event.paymentId()).query().listOfRows().stream().findFirst().orElse(null);
        if (w == null || (Boolean) w.get("done")) {
            return;
        }
        Money unrecovered = Money.of((java.math.BigDecimal) w.get("amount")).minus(Money.of((java.math.BigDecimal) w.get("recovered")));
        Money paid = payments.ofAccount(accountNumber, event.businessDate()).stream()
                .filter(p -> p.paymentId() == event.paymentId()).map(PaymentHistory.AccountPayment::amount)
                .findFirst().orElse(Money.ZERO);
        Money recovery = paid.compareTo(unrecovered) < 0 ? paid : unrecovered;
        if (!recovery.isPositive()) {
            return;
        }
        Map<String, Money> parts = split(recovery, byFund((String) w.get("by_fund")), Money.of((java.math.BigDecimal) w.get("recovered")));
        Map<String, Receivable> receivables = facts.receivables(accountNumber);
        List<JournalLineRequest> lines = new ArrayList<>();
        parts.forEach((fund, amount) -> {
            lines.add(JournalLineRequest.debit(fund, "1200", amount).receivable(receivables.get(fund).id()).due(event.businessDate())
                    .memo("Written-off receivable reinstated by payment " + event.paymentId()));
            lines.add(JournalLineRequest.credit(fund, RECOVERY_ACCOUNT, amount));
        });
        PostedEntry entry = ledger.post(new JournalEntryRequest("recovery:payment:" + event.paymentId() + ":account:" + accountNumber,
                event.businessDate(), SOURCE, "Recovery of written-off account " + accountNumber + " by payment " + event.paymentId(), lines));
        long writeOffId = ((Number) w.get("id")).longValue();
        jdbc.sql("""
                insert into collections_recovery (payment_id, account_number, write_off_id, business_date, amount, ledger_entry_id, created_at)
                values (:p, :n, :w, :d, :a, :e, :at) on conflict do nothing""").param("p", event.paymentId()).param("n", accountNumber)
                .param("w", writeOffId).param("d", event.businessDate()).param("a", recovery.amount()).param("e", entry.id())
                .param("at", java.sql.Timestamp.from(clock.instant())).update();
        // the payment's unapplied credit pays the reinstated receivable
        credits.applyToOpenCharges(List.of(accountNumber), event.businessDate());
        audit.recordChange("account", accountNumber, "bad-debt-recovery", Map.of("unrecovered", unrecovered.toString()),
                Map.of("payment", event.paymentId(), "recovered", recovery.toString(), "ledgerEntry", entry.id()));
    }

    /** The write-off's amounts by fund, from its by_fund text (FUND amount; ...), in order. */
    static Map<String, Money> byFund(String text) {
        Map<String, Money> m = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String[] p = part.trim().split(" ");
            m.put(p[0], Money.of(p[1]));
        }
        return m;
    }

    /** The recovery over the funds in order, after what earlier recoveries took from each. */
    static Map<String, Money> split(Money recovery, Map<String, Money> writtenOff, Money recoveredBefore) {
        Map<String, Money> parts = new LinkedHashMap<>();
        Money skip = recoveredBefore;
        Money left = recovery;
        for (Map.Entry<String, Money> e : writtenOff.entrySet()) {
            Money room = e.getValue();
            Money taken = skip.compareTo(room) < 0 ? skip : room;
            skip = skip.minus(taken);
            room = room.minus(taken);
            Money part = left.compareTo(room) < 0 ? left : room;
            if (part.isPositive()) {
                parts.put(e.getKey(), part);
                left = left.minus(part);
            }
        }
        return parts;
    }

    /** Recoveries of a write-off, for the account screen. */
    List<Map<String, Object>> ofAccount(String accountNumber) {
        return jdbc.sql("select payment_id, business_date, amount from collections_recovery where account_number = :n order by business_date, payment_id")
                .param("n", accountNumber).query().listOfRows();
    }
}
