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
import org.civicdesk.collections.CreditCheckProvider;
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
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security deposits: whether one is required and how much (the two deposit policies, fed from the customer's
 * history and the premise's bills, and a credit check entered by staff or asked of a CreditCheckProvider), and
 * requiring it: the installments are charged to the account's receivable against 2100 customer deposits held
 * (ledger source deposit-installment, which cashiering pays first), so that the cash paid ends as a liability,
 * never revenue. A commercial account whose surety bond is pending pays one month in cash; the bond or the
 * rest is due within 10 business days (DepositReview charges the rest when the bond lapses). What happens to a
 * deposit later (credited, applied to the final bill) is in collections_deposit_event.
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

    /**
     * A deposit required earlier.
     *
     * @param amount what was required (the cash month when a surety bond is pending)
     * @param held   what 2100 holds for it now: the amount, a top-up, less a release
     */
    record Deposit(long id, String fund, Money amount, int installments, List<String> requirement,
            List<String> computation, long ledgerEntryId, Instant createdAt, String createdBy, List<Installment> schedule,
            Money held, List<DepositEvent> events, SuretyBond bond) {
    }

    /** A step after the requirement: TOP_UP, CREDITED, APPLIED (applied and refunded parts) or BOND_RECEIVED. */
    record DepositEvent(String kind, LocalDate businessDate, Money amount, Money applied, Money refunded, Long refundId,
            List<String> reasons, long ledgerEntryId) {
    }

    /** A pending (or settled) surety bond of a commercial deposit. */
    record SuretyBond(Money fullAmount, Money cashMonth, LocalDate dueBy, String status, LocalDate statusOn, String bondReference) {
    }

    /** A credit check asked of a provider, as kept. */
    record CreditCheckRun(long id, String provider, CreditCheck result, String reference, List<String> reasons,
            Instant checkedAt, String checkedBy) {
    }

    static final int BOND_BUSINESS_DAYS = 10;

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
    private final DepositLetters letters;
    private final List<CreditCheckProvider> providers;

    Deposits(AccountFacts facts, Customers customers, Bills bills, PaymentHistory payments, RulesBook rules, Ledger ledger,
            AuditTrail audit, JdbcClient jdbc, Clock clock, DepositLetters letters, List<CreditCheckProvider> providers) {
        this.letters = letters;
        this.providers = providers;
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
        Deposit d = charge(account, today, amount, new DepositAmountPolicy(r).installments(amount, installmentCount),
                assessment.requirement().reasons(), assessment.amount().reasons());
        letters.send(account.id(), "DEPOSIT_REQUIRED", amount.formatted(), d.schedule().get(d.schedule().size() - 1).dueDate().toString(),
                "Payable in " + installmentCount + " monthly installment(s), charged to your account.");
        return d;
    }

    /**
     * A commercial deposit whose surety bond is pending: one month of the deposit (the full amount over the
     * commercial multiple, rounded up) is charged now in cash; the bond or the rest is due within 10 business
     * days. Refused for residential accounts and when a deposit exists.
     */
    @Transactional
    public Deposit requireWithBondPending(AccountNumber number) {
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        AccountDetails account = facts.account(number);
        if (!"COMMERCIAL".equals(account.accountClass())) {
            throw new BusinessRuleViolation("collections.bond-commercial-only", "suretyBond",
                    "A surety bond replaces the deposit of commercial and multi-unit accounts only");
        }
        if (deposit(account.id()) != null) {
            throw new Conflict("collections.deposit-exists", "The account already has a deposit; it is required once.");
        }
        Assessment assessment = assess(account, Waivers.NONE, r, today);
        Money full = assessment.amount().amount();
        if (!full.isPositive()) {
            throw new BusinessRuleViolation("collections.deposit-zero", "deposit",
                    "The deposit computes to nothing: " + String.join(" ", assessment.amount().reasons()));
        }
        DepositAmountPolicy policy = new DepositAmountPolicy(r);
        Money month = cashMonth(full, r, policy);
        LocalDate dueBy = plusBusinessDays(today, BOND_BUSINESS_DAYS);
        List<String> requirement = new ArrayList<>(assessment.requirement().reasons());
        requirement.add("Surety bond pending: one month in cash now (" + month.formatted() + "), the bond or the rest ("
                + full.minus(month).formatted() + ") due by " + dueBy + " (" + BOND_BUSINESS_DAYS + " business days).");
        Deposit d = charge(account, today, month, List.of(month), requirement, assessment.amount().reasons());
        jdbc.sql("""
                insert into collections_surety_bond (deposit_id, account_number, full_amount, cash_month, due_by, status,
                  status_on, created_at, created_by)
                values (:d, :n, :full, :month, :due, 'PENDING', :t, :at, :by)""").param("d", d.id())
                .param("n", account.accountNumber()).param("full", full.amount()).param("month", month.amount())
                .param("due", dueBy).param("t", today).param("at", java.sql.Timestamp.from(clock.instant()))
                .param("by", CurrentStaff.username().orElse("system")).update();
        audit.recordChange("account", account.accountNumber(), "surety-bond-pending", null,
                Map.of("deposit", d.id(), "fullAmount", full.toString(), "cashMonth", month.toString(), "dueBy", dueBy.toString()));
        letters.send(account.id(), "SURETY_BOND_PENDING", full.formatted(), dueBy.toString(), null);
        return deposit(account.id());
    }

    /** One month of a commercial deposit: the full amount over the commercial multiple, rounded up. */
    static Money cashMonth(Money full, CollectionsRules r, DepositAmountPolicy policy) {
        Money month = policy.roundUp(Money.round(full.amount().divide(r.depositCommercialMultiple(), 6, java.math.RoundingMode.HALF_UP)));
        return month.compareTo(full) > 0 ? full : month;
    }

    /**
     * The pending surety bond arrived: it replaces the cash, so the cash month is credited back to the account
     * (2100 against the receivable). Refused when no bond is pending.
     */
    @Transactional
    public Deposit bondReceived(AccountNumber number, String bondReference) {
        LocalDate today = LocalDate.now(clock);
        AccountDetails account = facts.account(number);
        if (bondReference == null || bondReference.isBlank()) {
            throw new BusinessRuleViolation("collections.bond-reference", "bondReference", "Give the surety bond's number");
        }
        Deposit d = deposit(account.id());
        if (d == null || d.bond() == null || !"PENDING".equals(d.bond().status())) {
            throw new BusinessRuleViolation("collections.bond-not-pending", "bondReference",
                    "Account " + account.accountNumber() + " has no pending surety bond");
        }
        jdbc.sql("update collections_surety_bond set status = 'RECEIVED', status_on = :t, bond_reference = :r where deposit_id = :d and status = 'PENDING'")
                .param("t", today).param("r", bondReference.trim()).param("d", d.id()).update();
        release(d, account, "BOND_RECEIVED", today, List.of("Surety bond " + bondReference.trim() + " received on " + today
                + ": it replaces the cash deposit, so the cash month is credited to the account."));
        audit.recordChange("account", account.accountNumber(), "surety-bond-received", Map.of("status", "PENDING"),
                Map.of("status", "RECEIVED", "bondReference", bondReference.trim()));
        return deposit(account.id());
    }

    /**
     * Credits what the deposit holds back to the account: 2100 against the account's receivable in the deposit's
     * fund (a credit beyond what is owed is the receivable's credit balance, taken by the next bill). Once per
     * deposit (key deposit-release:{id}, a unique release row).
     */
    DepositEvent release(Deposit d, AccountDetails account, String kind, LocalDate businessDate, List<String> reasons) {
        Money held = d.held();
        if (!held.isPositive()) {
            throw new BusinessRuleViolation("collections.deposit-nothing-held", "deposit", "Deposit " + d.id() + " holds nothing");
        }
        Receivable receivable = ledger.openReceivable(AccountFacts.RECEIVABLE_TYPE, d.fund(), account.accountNumber(), account.customerName());
        PostedEntry entry = ledger.post(new JournalEntryRequest("deposit-release:" + d.id(), businessDate, SOURCE,
                "Deposit " + d.id() + " of account " + account.accountNumber() + " credited to the account", List.of(
                        JournalLineRequest.debit(d.fund(), StandardAccount.CUSTOMER_DEPOSITS.code(), held),
                        JournalLineRequest.credit(d.fund(), StandardAccount.RECEIVABLES.code(), held).receivable(receivable.id())
                                .memo("Deposit credited"))));
        insertEvent(d.id(), account.accountNumber(), kind, businessDate, held, Money.ZERO, Money.ZERO, null, reasons, entry.id());
        audit.recordChange("account", account.accountNumber(), "deposit-" + kind.toLowerCase().replace('_', '-'),
                Map.of("held", held.toString()), Map.of("deposit", d.id(), "kind", kind, "amount", held.toString(), "ledgerEntry", entry.id()));
        return new DepositEvent(kind, businessDate, held, Money.ZERO, Money.ZERO, null, reasons, entry.id());
    }

    void insertEvent(long depositId, String accountNumber, String kind, LocalDate businessDate, Money amount, Money applied,
            Money refunded, Long refundId, List<String> reasons, long entryId) {
        jdbc.sql("""
                insert into collections_deposit_event (deposit_id, account_number, kind, business_date, amount, applied, refunded,
                  refund_id, reasons, ledger_entry_id, created_at)
                values (:d, :n, :k, :b, :a, :ap, :rf, :rid, :r, :e, :at)""").param("d", depositId).param("n", accountNumber)
                .param("k", kind).param("b", businessDate).param("a", amount.amount()).param("ap", applied.amount())
                .param("rf", refunded.amount()).param("rid", refundId).param("r", String.join("\n", reasons)).param("e", entryId)
                .param("at", java.sql.Timestamp.from(clock.instant())).update();
    }

    /** Asks the credit-check provider about the account's customer and keeps the answer. */
    @Transactional
    public CreditCheckRun runCreditCheck(AccountNumber number) {
        AccountDetails account = facts.account(number);
        CreditCheckProvider provider = provider();
        CreditCheckProvider.Result result = provider.check(new CreditCheckProvider.Applicant(account.accountNumber(),
                account.customerName(), account.accountClass()));
        if (result.result() == CreditCheck.NOT_RUN) {
            throw new BusinessRuleViolation("collections.credit-check", "creditCheck", provider.name() + " gave no answer");
        }
        long id = jdbc.sql("""
                insert into collections_credit_check (account_id, provider, result, reference, reasons, checked_at, checked_by)
                values (:a, :p, :r, :ref, :why, :at, :by) returning id""").param("a", account.id()).param("p", provider.name())
                .param("r", result.result().name()).param("ref", result.reference()).param("why", String.join("\n", result.reasons()))
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", CurrentStaff.username().orElse("system"))
                .query(Long.class).single();
        audit.recordChange("account", account.accountNumber(), "credit-check", null,
                Map.of("provider", provider.name(), "result", result.result().name(), "reference", result.reference()));
        return lastCreditCheck(account.id());
    }

    /** The latest credit check asked of a provider for the account, or null. */
    @Transactional(readOnly = true)
    public CreditCheckRun lastCreditCheck(long accountId) {
        return jdbc.sql("select * from collections_credit_check where account_id = :a order by checked_at desc, id desc limit 1")
                .param("a", accountId).query((rs, n) -> new CreditCheckRun(rs.getLong("id"), rs.getString("provider"),
                        CreditCheck.valueOf(rs.getString("result")), rs.getString("reference"),
                        List.of(rs.getString("reasons").split("\n")), rs.getTimestamp("checked_at").toInstant(),
                        rs.getString("checked_by"))).optional().orElse(null);
    }

    /** A provider the city configured, else the demo provider. */
    CreditCheckProvider provider() {
        return providers.stream().filter(p -> !(p instanceof DemoCreditCheckProvider)).findFirst()
                .or(() -> providers.stream().findFirst())
                .orElseThrow(() -> new RecordNotFound("creditCheck", "No credit-check provider is configured"));
    }

    private Deposit charge(AccountDetails account, LocalDate today, Money amount, List<Money> parts, List<String> requirement,
            List<String> computation) {
        String fund = depositFund(AccountFacts.activeServices(account.agreements(), today.plusYears(1)));
        Receivable receivable = ledger.openReceivable(AccountFacts.RECEIVABLE_TYPE, fund, account.accountNumber(), account.customerName());
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
                .param("amount", amount.amount()).param("i", parts.size())
                .param("req", String.join("\n", requirement))
                .param("comp", String.join("\n", computation)).param("e", entry.id())
                .param("at", java.sql.Timestamp.from(clock.instant())).param("by", CurrentStaff.username().orElse("system"))
                .query(Long.class).single();
        for (Installment s : schedule) {
            jdbc.sql("insert into collections_deposit_installment (deposit_id, number, due_date, amount) values (:d, :n, :due, :a)")
                    .param("d", id).param("n", s.number()).param("due", s.dueDate()).param("a", s.amount().amount()).update();
        }
        audit.recordChange("account", account.accountNumber(), "deposit-required", null,
                Map.of("deposit", id, "amount", amount.toString(), "installments", parts.size(), "fund", fund,
                        "ledgerEntry", entry.id()));
        return deposit(account.id());
    }

    /** The date the given number of business days (Monday to Friday; no holiday calendar yet) after the day. */
    static LocalDate plusBusinessDays(LocalDate day, int days) {
        LocalDate d = day;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != java.time.DayOfWeek.SATURDAY && d.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }

    /** The deposit of the account, or null. */
    @Transactional(readOnly = true)
    public Deposit deposit(long accountId) {
        return jdbc.sql("select * from collections_deposit where account_id = :a").param("a", accountId)
                .query((rs, n) -> new Deposit(rs.getLong("id"), rs.getString("fund_code"), Money.of(rs.getBigDecimal("amount")),
                        rs.getInt("installments"), List.of(rs.getString("requirement").split("\n")),
                        List.of(rs.getString("computation").split("\n")), rs.getLong("ledger_entry_id"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), List.of(), null, List.of(), null))
                .optional()
                .map(this::complete)
                .orElse(null);
    }

    private Deposit complete(Deposit d) {
        List<Installment> schedule = jdbc.sql(
                "select number, due_date, amount from collections_deposit_installment where deposit_id = :d order by number")
                .param("d", d.id()).query((rs, n) -> new Installment(rs.getInt(1), rs.getObject(2, LocalDate.class),
                        Money.of(rs.getBigDecimal(3)))).list();
        List<DepositEvent> events = jdbc.sql("select * from collections_deposit_event where deposit_id = :d order by id")
                .param("d", d.id()).query((rs, n) -> new DepositEvent(rs.getString("kind"), rs.getObject("business_date", LocalDate.class),
                        Money.of(rs.getBigDecimal("amount")), Money.of(rs.getBigDecimal("applied")), Money.of(rs.getBigDecimal("refunded")),
                        (Long) rs.getObject("refund_id"), List.of(rs.getString("reasons").split("\n")), rs.getLong("ledger_entry_id")))
                .list();
        SuretyBond bond = jdbc.sql("select * from collections_surety_bond where deposit_id = :d").param("d", d.id())
                .query((rs, n) -> new SuretyBond(Money.of(rs.getBigDecimal("full_amount")), Money.of(rs.getBigDecimal("cash_month")),
                        rs.getObject("due_by", LocalDate.class), rs.getString("status"), rs.getObject("status_on", LocalDate.class),
                        rs.getString("bond_reference"))).optional().orElse(null);
        Money held = d.amount();
        for (DepositEvent e : events) {
            held = e.kind().equals("TOP_UP") ? held.plus(e.amount()) : held.minus(e.amount());
        }
        return new Deposit(d.id(), d.fund(), d.amount(), d.installments(), d.requirement(), d.computation(), d.ledgerEntryId(),
                d.createdAt(), d.createdBy(), schedule, held, events, bond);
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
