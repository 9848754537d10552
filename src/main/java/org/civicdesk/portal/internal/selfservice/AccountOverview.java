package org.civicdesk.portal.internal.selfservice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.billing.UsagePoint;
import org.civicdesk.cashiering.OnlinePayments;
import org.civicdesk.cashiering.PaymentHistory;
import org.civicdesk.collections.SelfServiceCollections;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Agreement;
import org.civicdesk.ledger.Aging;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the portal shows of one account, read in one read-only transaction from the modules' public doors:
 * customer (account, services), the ledger (balance, as the staff account screen sums it), billing (bills,
 * usage), cashiering (payments, autopay, cash-only) and collections (alerts).
 */
@Service
class AccountOverview {

    static final String RECEIVABLE_TYPE = "utility-account";
    static final List<String> FUNDS = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE");

    /** A service the account has (or had until a future date). */
    record ServiceLine(String serviceType, String address, String status, LocalDate startDate, LocalDate endDate,
            long premiseId) {
    }

    /** The account page. */
    record Summary(AccountDetails account, Money balance, Money pastDue, Money credit, BillSummary latestBill,
            Money amountDue, SelfServiceCollections.Alerts alerts, Optional<OnlinePayments.AutopayEnrolment> autopay,
            Optional<String> cashOnly, List<ServiceLine> services) {

        public List<String> addresses() {
            return services.stream().map(ServiceLine::address).distinct().toList();
        }
    }

    private final Accounts accounts;
    private final Ledger ledger;
    private final Bills bills;
    private final PaymentHistory payments;
    private final OnlinePayments online;
    private final SelfServiceCollections collections;
    private final Clock clock;

    AccountOverview(Accounts accounts, Ledger ledger, Bills bills, PaymentHistory payments, OnlinePayments online,
            SelfServiceCollections collections, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.bills = bills;
        this.payments = payments;
        this.online = online;
        this.collections = collections;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Summary summary(String accountNumber) {
        AccountDetails account = accounts.account(new AccountNumber(accountNumber));
        LocalDate today = LocalDate.now(clock);
        Money balance = Money.ZERO;
        Money pastDue = Money.ZERO;
        Money credit = Money.ZERO;
        for (String fund : FUNDS) {
            var receivable = ledger.findReceivable(RECEIVABLE_TYPE, fund, accountNumber);
            if (receivable.isPresent()) {
                Aging a = ledger.aging(receivable.get().id(), today);
                balance = balance.plus(a.balance());
                pastDue = pastDue.plus(a.pastDue());
                credit = credit.plus(a.unappliedCredit());
            }
        }
        BillSummary latest = bills.ofAccount(accountNumber, 5).stream().filter(b -> !b.cancelled()).findFirst().orElse(null);
        Money amountDue = balance.isPositive() ? balance : Money.ZERO;
        return new Summary(account, balance, pastDue, credit, latest, amountDue, collections.alerts(accountNumber),
                online.autopay(accountNumber), online.cashOnlyReason(accountNumber), services(account, today));
    }

    static List<ServiceLine> services(AccountDetails account, LocalDate today) {
        List<ServiceLine> lines = new ArrayList<>();
        for (Agreement a : account.agreements()) {
            boolean ended = a.endDate() != null && a.endDate().isBefore(today);
            if (!ended && !"CANCELLED".equals(a.status())) {
                lines.add(new ServiceLine(a.serviceType(), a.premiseAddress(), a.status(), a.startDate(), a.endDate(),
                        a.premiseId()));
            }
        }
        return lines;
    }

    /** Bills newest first, and the payments of the last two years newest first. */
    record History(List<BillSummary> bills, List<PaymentHistory.AccountPayment> payments) {
    }

    @Transactional(readOnly = true)
    public History history(String accountNumber) {
        return new History(bills.ofAccount(accountNumber, 24),
                payments.ofAccount(accountNumber, LocalDate.now(clock).minusYears(2)));
    }

    /** Whether the bill is one of the account's (a bill of any other account answers like no bill at all). */
    @Transactional(readOnly = true)
    public boolean billOfAccount(String accountNumber, long billId) {
        return bills.ofAccount(accountNumber, 1000).stream().anyMatch(b -> b.id() == billId);
    }

    /**
     * The usage points of the latest bill's 13 months and of the 13 months before the bill a year earlier, so that
     * each recent period can be set beside the same period last year.
     */
    @Transactional(readOnly = true)
    public List<UsagePoint> usage(String accountNumber) {
        List<BillSummary> all = bills.ofAccount(accountNumber, 40).stream().filter(b -> !b.cancelled()).toList();
        if (all.isEmpty()) {
            return List.of();
        }
        BillSummary latest = all.get(0);
        List<UsagePoint> points = new ArrayList<>(bills.usageUpTo(latest.id()));
        LocalDate yearBefore = latest.periodTo().minusMonths(12).plusDays(20);
        all.stream().filter(b -> !b.periodTo().isAfter(yearBefore)).findFirst()
                .ifPresent(b -> points.addAll(bills.usageUpTo(b.id())));
        return points;
    }
}
