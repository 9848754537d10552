package org.civicdesk.portal.internal.selfservice;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.civicdesk.portal.internal.PortalCustomer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Portal test data, unique per call: an account with up to 26 monthly water bills (so that recent periods have one a
 * year before), a charge in the ledger, and a verified portal login linked to it.
 */
final class PortalFixture {

    private PortalFixture() {
    }

    /** A customer with their account, bills and portal login. */
    record Customer(PortalCustomer login, TestBills.TestAccount account, List<Long> billIds) {

        String number() {
            return account.accountNumber();
        }

        long latestBill() {
            return billIds.get(billIds.size() - 1);
        }
    }

    static Customer customer(JdbcClient jdbc, Ledger ledger, String language, LocalDate today) {
        TestBills.TestAccount account = TestBills.account(jdbc, language);
        LocalDate lastRead = today.minusDays(5);
        List<TestBills.Period> periods = new ArrayList<>(TestBills.thirteenMonths(lastRead.minusMonths(13), 6, BigDecimal.valueOf(5)));
        periods.addAll(TestBills.thirteenMonths(lastRead, 9, BigDecimal.valueOf(5)));
        List<Long> bills = new ArrayList<>();
        // the demo tariff book starts on 2025-01-01: older periods cannot be rated
        periods.removeIf(p -> p.previousRead().isBefore(LocalDate.of(2025, 1, 2)));
        for (TestBills.Period p : periods) {
            bills.add(TestBills.bill(jdbc, account, p, language, Money.ZERO, Money.ZERO, null));
        }
        PortalCustomer login = login(jdbc, account.accountNumber());
        return new Customer(login, account, bills);
    }

    /** A verified, active login linked to the accounts. */
    static PortalCustomer login(JdbcClient jdbc, String... accountNumbers) {
        String email = "portal" + System.nanoTime() + "@example.org";
        Timestamp now = Timestamp.from(Instant.now());
        long id = jdbc.sql("""
                insert into portal_login (email, display_name, password_hash, status, email_verified_at, created_at,
                                          password_changed_at)
                values (?, 'Test customer', 'not-a-hash', 'ACTIVE', ?, ?, ?) returning id""")
                .params(email, now, now, now).query(Long.class).single();
        for (String n : accountNumbers) {
            jdbc.sql("insert into portal_login_account (login_id, account_number, linked_at) values (?, ?, ?)")
                    .params(id, n, now).update();
        }
        return new PortalCustomer(id, email);
    }

    /** Charges the account's water receivable, falling due on the date (a bill's posting). */
    static void charge(Ledger ledger, TestBills.TestAccount a, String amount, LocalDate businessDate, LocalDate due) {
        Receivable r = ledger.openReceivable("utility-account", "WATER", a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("portal-test-charge:" + a.accountNumber() + ":" + System.nanoTime(), businessDate,
                "billing", "Test charge", List.of(JournalLineRequest.debit("WATER", "1200", Money.of(amount)).receivable(r.id()).due(due),
                        JournalLineRequest.credit("WATER", "4010", Money.of(amount)))));
    }

    /**
     * Signs the request in as the portal customer (what the portal's security chain puts in the context), for the
     * MockMvc built without the staff chain.
     */
    static RequestPostProcessor as(PortalCustomer customer) {
        return request -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(customer, null,
                    List.of(new SimpleGrantedAuthority("ROLE_PORTAL_CUSTOMER"))));
            SecurityContextHolder.setContext(context);
            return request;
        };
    }

    /**
     * Asks for the pages in a language (en or es) every way the portal may take it (the request's locale, ?lang=,
     * the login's stored language), so that the test holds whichever the portal's locale resolver reads.
     */
    static RequestPostProcessor inLanguage(JdbcClient jdbc, PortalCustomer customer, String language) {
        return request -> {
            jdbc.sql("update portal_login set language = ? where id = ?").params(language, customer.loginId()).update();
            request.setPreferredLocales(List.of(java.util.Locale.forLanguageTag(language)));
            request.setParameter("lang", language);
            return request;
        };
    }
}
