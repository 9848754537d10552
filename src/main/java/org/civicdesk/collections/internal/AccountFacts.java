package org.civicdesk.collections.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.civicdesk.cashiering.PaymentHistory;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.Cases;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gathers what the policies look at for one account: its services and class from customer, its past due by
 * fund from the ledger's aging, disputes from cases, payments and returns from cashiering, and the
 * protections, heat days and arrangements collections keeps.
 */
@Component
class AccountFacts {

    static final String RECEIVABLE_TYPE = "utility-account";
    static final List<String> FUNDS = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE");

    /** One account as collections sees it on a day. */
    record Standing(AccountDetails account, LocalDate today, Set<String> services, Map<String, Money> pastDueByFund,
            Money pastDue, Money disputed, boolean heatDay, boolean bankruptcy, LocalDate medicalCertificateOn,
            Long currentArrangementId, int arrangementsLast12Months, int brokenLast12Months, boolean finalBill,
            boolean lastPaymentReturned) {

        String accountNumber() {
            return account.accountNumber();
        }
    }

    private final Accounts accounts;
    private final Ledger ledger;
    private final Cases cases;
    private final PaymentHistory payments;
    private final JdbcClient jdbc;

    AccountFacts(Accounts accounts, Ledger ledger, Cases cases, PaymentHistory payments, JdbcClient jdbc) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.cases = cases;
        this.payments = payments;
        this.jdbc = jdbc;
    }

    AccountDetails account(AccountNumber number) {
        return accounts.account(number);
    }

    AccountNumber numberOf(long accountId) {
        return accounts.numberOf(accountId);
    }

    Standing of(AccountNumber number, LocalDate today) {
        AccountDetails account = accounts.account(number);
        Map<String, Money> pastDue = pastDueByFund(account.accountNumber(), today);
        Money total = pastDue.values().stream().reduce(Money.ZERO, Money::plus);
        LocalDate yearAgo = today.minusMonths(12);
        Map<String, Object> arrangements = jdbc.sql("""
                select (select id from collections_arrangement where account_id = :a and status = 'CURRENT') as current_id,
                       (select count(*) from collections_arrangement where account_id = :a and created_on > :y) as recent,
                       (select count(*) from collections_arrangement where account_id = :a and status = 'BROKEN'
                          and status_on > :y) as broken
                """).param("a", account.id()).param("y", yearAgo).query().singleRow();
        Map<String, Object> protections = jdbc.sql("""
                select (select max(starts_on) from collections_protection where account_id = :a and kind = 'MEDICAL_CERTIFICATE'
                          and starts_on <= :t and (ended_on is null or ended_on > :t)) as medical,
                       exists (select 1 from collections_protection where account_id = :a and kind = 'BANKRUPTCY'
                          and starts_on <= :t and (ended_on is null or ended_on > :t)) as bankruptcy,
                       exists (select 1 from collections_heat_day where day = :t) as heat
                """).param("a", account.id()).param("t", today).query().singleRow();
        var recentPayments = payments.ofAccount(account.accountNumber(), today.minusYears(2));
        boolean lastReturned = !recentPayments.isEmpty() && recentPayments.get(0).returned();
        return new Standing(account, today, activeServices(account.agreements(), today), pastDue, total,
                cases.openDisputedAmount(account.id()), (Boolean) protections.get("heat"),
                (Boolean) protections.get("bankruptcy"), toDate(protections.get("medical")),
                arrangements.get("current_id") == null ? null : ((Number) arrangements.get("current_id")).longValue(),
                ((Number) arrangements.get("recent")).intValue(), ((Number) arrangements.get("broken")).intValue(),
                account.agreements().stream().anyMatch(Agreement::finalBillRequested), lastReturned);
    }

    static Set<String> activeServices(List<Agreement> agreements, LocalDate today) {
        Set<String> services = new TreeSet<>();
        for (Agreement a : agreements) {
            boolean started = !a.startDate().isAfter(today);
            boolean ended = a.endDate() != null && !a.endDate().isAfter(today);
            if (started && !ended && !"CANCELLED".equals(a.status())) {
                services.add(a.serviceType());
            }
        }
        return services;
    }

    Map<String, Receivable> receivables(String accountNumber) {
        Map<String, Receivable> found = new LinkedHashMap<>();
        for (String fund : FUNDS) {
            ledger.findReceivable(RECEIVABLE_TYPE, fund, accountNumber).ifPresent(r -> found.put(fund, r));
        }
        return found;
    }

    /** What was past due (due before the date and unpaid) in each fund, as of the date. */
    Map<String, Money> pastDueByFund(String accountNumber, LocalDate asOf) {
        Map<String, Money> pastDue = new LinkedHashMap<>();
        receivables(accountNumber).forEach((fund, r) -> pastDue.put(fund, ledger.aging(r.id(), asOf).pastDue()));
        return pastDue;
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
