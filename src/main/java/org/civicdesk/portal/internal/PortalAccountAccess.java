package org.civicdesk.portal.internal;

import java.util.List;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The portal's one ownership rule: a customer sees and acts on the accounts linked to their login and nothing
 * else. Every portal handler that names an account goes through {@link #requireLinked}; an account that is not
 * linked answers exactly like one that does not exist, so ids cannot be probed.
 */
@Component
public class PortalAccountAccess {

    private final JdbcClient jdbc;

    PortalAccountAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account numbers linked to the login, in the order they were linked. */
    public List<String> linkedAccounts(long loginId) {
        return jdbc.sql("""
                select account_number from portal_login_account
                 where login_id = :login and unlinked_at is null
                 order by linked_at, account_number""")
                .param("login", loginId)
                .query(String.class)
                .list();
    }

    /** Refuses (as not found) an account number that is not linked to the signed-in customer's login. */
    public String requireLinked(PortalCustomer customer, String accountNumber) {
        if (customer == null || accountNumber == null || !linkedAccounts(customer.loginId()).contains(accountNumber)) {
            throw new RecordNotFound("accountNumber", "No such account among the accounts linked to this sign-in.");
        }
        return accountNumber;
    }
}
