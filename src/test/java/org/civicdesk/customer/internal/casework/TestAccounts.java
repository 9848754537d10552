package org.civicdesk.customer.internal.casework;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.civicdesk.customer.AccountNumber;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts a customer and an account with plain SQL, unique per call, for casework and letters tests. */
public final class TestAccounts {

    /** The account made for a test. */
    public record Made(long accountId, String accountNumber, long customerId, String customerName) {
    }

    private TestAccounts() {
    }

    public static Made create(JdbcClient jdbc, String language, boolean paperless, String email) {
        String last = "Tester" + System.nanoTime();
        long customerId = jdbc.sql("""
                insert into customer (kind, first_name, last_name, display_name, preferred_language, created_at, created_by)
                values ('PERSON', 'Maria', ?, ?, ?, ?, 'test') returning id""")
                .params(last, "Maria " + last, language, Timestamp.from(Instant.now())).query(Long.class).single();
        if (email != null) {
            jdbc.sql("insert into customer_email (customer_id, address, is_primary) values (?, ?, true)")
                    .params(customerId, email).update();
        }
        long seq = jdbc.sql("select nextval('account_number_seq')").query(Long.class).single();
        String number = AccountNumber.fromSequence(seq).value();
        long accountId = jdbc.sql("""
                insert into account (account_number, customer_id, mailing_line1, mailing_city, mailing_state, mailing_zip,
                                     paperless, language, opened_on, created_at, created_by)
                values (?, ?, '123 W Main St', 'Mesa', 'AZ', '85201', ?, ?, ?, ?, 'test') returning id""")
                .params(number, customerId, paperless, language, LocalDate.now(), Timestamp.from(Instant.now()))
                .query(Long.class).single();
        return new Made(accountId, number, customerId, "Maria " + last);
    }
}
