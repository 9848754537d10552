package org.civicdesk.customer.internal.casework;

import java.util.Optional;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What contacts, cases and letters need to know about an account, read with plain SQL from the account,
 * customer and premise tables.
 */
@Component
public class AccountRecords {

    /** An account as casework and letters see it. */
    public record AccountRef(long id, String accountNumber, long customerId, String customerName, String language,
            boolean paperless, String mailingLine1, String mailingLine2, String mailingCity, String mailingState,
            String mailingZip, String email, String serviceAddress) {

        public String cityStateZip() {
            return mailingCity + ", " + mailingState + " " + mailingZip;
        }
    }

    private static final String SELECT = """
            select a.id, a.account_number, a.customer_id, c.display_name, a.language, a.paperless,
                   a.mailing_line1, a.mailing_line2, a.mailing_city, a.mailing_state, a.mailing_zip,
                   (select e.address from customer_email e
                     where e.customer_id = c.id and e.removed_at is null
                     order by e.is_primary desc, e.id limit 1) as email,
                   (select p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city || ', ' || p.state || ' ' || p.zip
                      from service_agreement sa join premise p on p.id = sa.premise_id
                     where sa.account_id = a.id
                     order by (sa.status in ('ACTIVE', 'PENDING_START', 'PENDING_STOP')) desc, sa.start_date desc, sa.id desc
                     limit 1) as service_address
              from account a join customer c on c.id = a.customer_id
            """;

    private final JdbcClient jdbc;

    AccountRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AccountRef byId(long accountId) {
        return jdbc.sql(SELECT + " where a.id = ?").param(accountId).query(AccountRecords::map).optional()
                .orElseThrow(() -> new RecordNotFound("accountId", "No account with id " + accountId));
    }

    /** Many accounts in one query (a daily job's letters), by id; ids with no account are absent. */
    public java.util.Map<Long, AccountRef> byIds(java.util.Collection<Long> accountIds) {
        java.util.Map<Long, AccountRef> found = new java.util.HashMap<>();
        jdbc.sql(SELECT + " where a.id = any(?)").param(accountIds.toArray(Long[]::new)).query(AccountRecords::map)
                .list().forEach(a -> found.put(a.id(), a));
        return found;
    }

    public Optional<AccountRef> byNumber(String accountNumber) {
        return jdbc.sql(SELECT + " where a.account_number = ?").param(accountNumber).query(AccountRecords::map)
                .optional();
    }

    public AccountRef requireNumber(String accountNumber) {
        return byNumber(accountNumber)
                .orElseThrow(() -> new RecordNotFound("accountNumber", "No account " + accountNumber));
    }

    private static AccountRef map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AccountRef(rs.getLong("id"), rs.getString("account_number"), rs.getLong("customer_id"),
                rs.getString("display_name"), rs.getString("language"), rs.getBoolean("paperless"),
                rs.getString("mailing_line1"), rs.getString("mailing_line2"), rs.getString("mailing_city"),
                rs.getString("mailing_state"), rs.getString("mailing_zip"), rs.getString("email"),
                rs.getString("service_address"));
    }
}
