package org.civicdesk.cashiering;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Unique accounts with billed charges, and payments, for cashiering tests on the shared database. */
public final class CashieringFixture {

    private CashieringFixture() {
    }

    /** An account made for a test. */
    public record TestAccount(long accountId, String accountNumber, String customerName) {
    }

    public static void signIn(String user, Permission... permissions) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                Arrays.stream(permissions).map(p -> new SimpleGrantedAuthority(p.authority())).toList()));
    }

    public static void signInWithAll(String user) {
        signIn(user, Permission.values());
    }

    public static TestAccount account(JdbcClient jdbc, String language, String status) {
        String last = "Payer" + System.nanoTime();
        long customerId = jdbc.sql("""
                insert into customer (kind, first_name, last_name, display_name, preferred_language, created_at, created_by)
                values ('PERSON', 'Rosa', ?, ?, ?, ?, 'test') returning id""")
                .params(last, "Rosa " + last, language, Timestamp.from(Instant.now())).query(Long.class).single();
        long seq = jdbc.sql("select nextval('account_number_seq')").query(Long.class).single();
        String number = AccountNumber.fromSequence(seq).value();
        long accountId = jdbc.sql("""
                insert into account (account_number, customer_id, mailing_line1, mailing_city, mailing_state, mailing_zip,
                                     paperless, language, opened_on, created_at, created_by, status, closed_on)
                values (?, ?, '123 W Main St', 'Mesa', 'AZ', '85201', false, ?, ?, ?, 'test', ?, ?) returning id""")
                .params(number, customerId, language, LocalDate.now().minusYears(1), Timestamp.from(Instant.now()), status,
                        "CLOSED".equals(status) ? LocalDate.now().minusDays(1) : null)
                .query(Long.class).single();
        return new TestAccount(accountId, number, "Rosa " + last);
    }

    /** Charges the account in a fund (a bill line): receivable debit due on the date, revenue credit. */
    public static Receivable charge(Ledger ledger, TestAccount account, String fund, String amount, LocalDate billDate,
            LocalDate due, String source) {
        Receivable r = ledger.openReceivable("utility-account", fund, account.accountNumber(), account.customerName());
        ledger.post(new JournalEntryRequest("test-charge:" + System.nanoTime(), billDate, source,
                "Test charge " + fund, List.of(
                        JournalLineRequest.debit(fund, StandardAccount.RECEIVABLES.code(), Money.of(amount)).receivable(r.id()).due(due),
                        JournalLineRequest.credit(fund, "4010", Money.of(amount)))));
        return r;
    }

    public static String key() {
        return "test-" + System.nanoTime();
    }

    public static NewPayment.Tender cash(String amount) {
        return new NewPayment.Tender(TenderType.CASH, Money.of(amount), null, null, null, null);
    }

    public static NewPayment.Tender check(String amount, String number) {
        return new NewPayment.Tender(TenderType.CHECK, Money.of(amount), number, null, null, null);
    }

    public static NewPayment.Tender card(String amount, String token) {
        return new NewPayment.Tender(TenderType.CREDIT_CARD, Money.of(amount), null, token, "VISA", "4242");
    }

    public static NewPayment.Allocation toAccount(TestAccount a, String amount) {
        return new NewPayment.Allocation(new PaymentTarget("utility-account", a.accountNumber()), Money.of(amount));
    }

    public static NewPayment.Allocation misc(String code, String amount) {
        return new NewPayment.Allocation(new PaymentTarget("miscellaneous", code), Money.of(amount));
    }
}
