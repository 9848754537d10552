package org.civicdesk.billing.internal.document;

import java.util.Optional;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The few facts about a utility account that bill pages and adjustments need, read with SQL from the customer
 * module's account and customer tables: the customer module depends on billing's API (fees), so billing cannot
 * call the customer API without a dependency cycle.
 */
@Component
public class BillingAccounts {

    /** An account as billing sees it. */
    public record BillingAccount(long id, String accountNumber, String customerName, String accountClass,
            String status, String language) {
    }

    private final JdbcClient jdbc;

    BillingAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BillingAccount> find(String accountNumber) {
        if (accountNumber == null || !accountNumber.trim().matches("[0-9]{10}")) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select a.id, a.account_number, c.display_name, a.account_class, a.status, a.language
                  from account a join customer c on c.id = a.customer_id where a.account_number = :n
                """).param("n", accountNumber.trim())
                .query((rs, i) -> new BillingAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .optional();
    }

    /** RecordNotFound naming the field when the number is not a known account. */
    public BillingAccount require(String accountNumber, String field) {
        return find(accountNumber).orElseThrow(() -> new RecordNotFound(field,
                "There is no account " + accountNumber + "."));
    }
}
