package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.Bills;
import org.civicdesk.cashiering.PaymentHistory;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.DepositAmountPolicy;
import org.civicdesk.collections.DepositRequirementPolicy;
import org.civicdesk.collections.DepositRequirementPolicy.CreditCheck;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.Customers;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security deposits: whether one is required and how much (the two deposit policies, fed from the customer's
 * history and the premise's bills), and requiring it: the installments are charged to the account's
 * receivable against 2100 customer deposits held (ledger source deposit-installment, which cashiering pays
 * first), so that the cash paid ends as a liability, never revenue.
 */
@Service
class Deposits {

    static final String SOURCE = "deposit-installment";

    /** What staff enter about the customer: the waivers a policy weighs. */
    record Waivers(boolean letterOfGoodCredit, CreditCheck creditCheck, boolean suretyBond) {

        static final Waivers NONE = new Waivers(false, CreditCheck.NOT_RUN, false);
    }

    /** The two answers together. */
    record Assessment(Decision requirement, Decision amount) {
    }

    /** A deposit required earlier. */
    record Deposit(long id, String fund, Money amount, int installments, List<String> requirement,
            List<String> computation, long ledgerEntryId, Instant createdAt, String createdBy, List<Installment> schedule) {
    }

    record Installment(int number, LocalDate dueDate, Money amount) {
    }

    private final AccountFacts facts;
    private final Customers customers;
    private final Bills bills;
    private final PaymentHistory payments;
    private final RulesBook rules;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Deposits(AccountFacts facts, Customers customers, Bills bills, PaymentHistory payments, RulesBook rules, Ledger ledger,
            AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.facts = facts;
        this.customers = customers;
        this.bills = bills;
        this.payments = payments;
        this.rules = rules;
        this.ledger = ledger;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Assessment assess(AccountNumber number, Waivers waivers) {
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        AccountDetails account = facts.account(number);
        return assess(account, waivers, r, today);
    }

    private Assessment assess(AccountDetails account, Waivers waivers, CollectionsRules r, LocalDate today) {
        LocalDate windowStart = today.minusMonths(r.depositHistoryWindowMonths());
        Set<String> numbers = new HashSet<>();
        customers.customer(account.customerId()).accounts().forEach(a -> numbers.add(a.accountNumber()));
        numbers.add(account.accountNumber());
        Set<LocalDate> served = new HashSet<>();
        int returned = 0;
        int late = 0;
        for (String n : numbers) {
            List<Agreement> agreements = n.equals(account.accountNumber()) ? account.agreements()
                    : facts.account(new AccountNumber(n)).agreements();
            for (Agreement a : agreements) {
                LocalDate from = a.startDate().isBefore(windowStart) ? windowStart : a.startDate();
                LocalDate to = a.endDate() == null || a.endDate().isAfter(today) ? today : a.endDate();
                for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                    served.add(d);
                }
            }
            returned += (int) payments.ofAccount(n, windowStart).stream().filter(PaymentHistory.AccountPayment::returned).count();
            late += jdbc.sql("select count(*) from collections_late_fee where account_number = :n and assessed_on >= :f and fee > 0")
                    .param("n", n).param("f", windowStart).query(Integer.class).single();
        }
        int months = served.size() / 30;
        Decision requirement = new DepositRequirementPolicy(r).decide(new DepositRequirementPolicy.Facts(
                account.accountClass(), months, late, returned, waivers.letterOfGoodCredit(), waivers.creditCheck(),
                waivers.suretyBond()));
        Set<String> services = AccountFacts.activeServices(account.agreements(), today.plusYears(1));
        List<Money> premiseBills = new ArrayList<>();
        account.agreements().stream().map(Agreement::premiseId).distinct().forEach(p -> premiseBills.addAll(
                bills.premiseCharges(p, today.minusMonths(r.depositAverageMonths()), today)));
        Decision amount = new DepositAmountPolicy(r).compute(new DepositAmountPolicy.Facts(account.accountClass(), services, premiseBills));
        return new Assessment(requirement, amount);
    }

    /**
     * Requires the deposit the policies decide and charges its installments. Refused with the policy's
     * reasons when none is required; refused when the account already has one.
     */
    @Transactional
    public Deposit require(AccountNumber number, Waivers waivers, int installmentCount) {
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        AccountDetails account = facts.account(number);
        if (deposit(account.id()) != null) {
            throw new Conflict("collections.deposit-exists", "The account already has a deposit; it is required once.");
        }
        if (installmentCount < 1 || installmentCount > r.depositMaxInstallments()) {
            throw new BusinessRuleViolation("collections.deposit-installments", "installments",
                    "A deposit is paid in 1 to " + r.depositMaxInstallments() + " monthly installments");
        }
        Assessment assessment = assess(account, waivers, r, today);
        if (!assessment.requirement().granted()) {
            throw new BusinessRuleViolation("collections.deposit-not-required", "deposit",
                    "No deposit is required: " + String.join(" ", assessment.requirement().reasons()));
        }
        Money amount = assessment.amount().amount();
        if (!amount.isPositive()) {
            throw new BusinessRuleViolation("collections.deposit-zero", "deposit",
                    "The deposit computes to nothing: " + String.join(" ", assessment.amount().reasons()));
        }
        String fund = depositFund(AccountFacts.activeServices(account.agreements(), today.plusYears(1)));
        Receivable receivable = ledger.openReceivable(AccountFacts.RECEIVABLE_TYPE, fund, account.accountNumber(), account.customerName());
        List<Money> parts = new DepositAmountPolicy(r).installments(amount, installmentCount);
        List<JournalLineRequest> lines = new ArrayList<>();
        List<Installment> schedule = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            LocalDate due = today.plusMonths(i);
            schedule.add(new Installment(i + 1, due, parts.get(i)));
            lines.add(JournalLineRequest.debit(fund, StandardAccount.RECEIVABLES.code(), parts.get(i)).receivable(receivable.id())
                    .due(due).memo("Deposit installment " + (i + 1) + " of " + parts.size()));
        }
        lines.add(JournalLineRequest.credit(fund, StandardAccount.CUSTOMER_DEPOSITS.code(), amount));
        PostedEntry entry = ledger.post(new JournalEntryRequest("deposit:account:" + account.accountNumber(), today, SOURCE,
                "Security deposit of account " + account.accountNumber(), lines));
        long id = jdbc.sql("""
                insert into collections_deposit (account_id, account_number, fund_code, amount, installments, requirement,
                  computation, ledger_entry_id, created_at, created_by)
                values (:a, :n, :f, :amount, :i, :req, :comp, :e, :at, :by) returning id
                """).param("a", account.id()).param("n", account.accountNumber()).param("f", fund)
                .param("amount", amount.amount()).param("i", installmentCount)
                .param("req", String.join("\n", assessment.requirement().reasons()))
                .param("comp", String.join("\n", assessment.amount().reasons())).param("e", entry.id())
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", CurrentStaff.username().orElse("system"))
                .query(Long.class).single();
        for (Installment s : schedule) {
            jdbc.sql("insert into collections_deposit_installment (deposit_id, number, due_date, amount) values (:d, :n, :due, :a)")
                    .param("d", id).param("n", s.number()).param("due", s.dueDate()).param("a", s.amount().amount()).update();
        }
        audit.recordChange("account", account.accountNumber(), "deposit-required", null,
                Map.of("deposit", id, "amount", amount.toString(), "installments", installmentCount, "fund", fund,
                        "ledgerEntry", entry.id()));
        return deposit(account.id());
    }

    /** The deposit of the account, or null. */
    @Transactional(readOnly = true)
    public Deposit deposit(long accountId) {
        return jdbc.sql("select * from collections_deposit where account_id = :a").param("a", accountId)
                .query((rs, n) -> new Deposit(rs.getLong("id"), rs.getString("fund_code"), Money.of(rs.getBigDecimal("amount")),
                        rs.getInt("installments"), List.of(rs.getString("requirement").split("\n")),
                        List.of(rs.getString("computation").split("\n")), rs.getLong("ledger_entry_id"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), List.of()))
                .optional()
                .map(d -> new Deposit(d.id(), d.fund(), d.amount(), d.installments(), d.requirement(), d.computation(),
                        d.ledgerEntryId(), d.createdAt(), d.createdBy(), jdbc.sql(
                                "select number, due_date, amount from collections_deposit_installment where deposit_id = :d order by number")
                                .param("d", d.id()).query((rs, n) -> new Installment(rs.getInt(1), rs.getObject(2, LocalDate.class),
                                        Money.of(rs.getBigDecimal(3)))).list()))
                .orElse(null);
    }

    /** The fund that holds the deposit: that of the account's main service. */
    static String depositFund(Set<String> services) {
        for (String s : List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE")) {
            if (services.contains(s)) {
                return s;
            }
        }
        return "WATER";
    }
}
