package org.civicdesk.billing.internal.document;

import java.util.ArrayList;
import java.util.List;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a bill is addressed to: the customer's name, the account's mailing address and the service addresses of
 * the bill's agreements. Read with SQL from the customer module's tables (the bill tables already reference
 * them) because the customer module depends on billing's API (fees), so billing cannot call back into it.
 */
@Component
class BillAddressee {

    /** The printed name and addresses of one bill. */
    record Addressee(String customerName, String accountClass, List<String> mailingLines, List<String> serviceAddresses) {
    }

    private final JdbcClient jdbc;

    BillAddressee(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Addressee of(long accountId, long billId) {
        Addressee head = jdbc.sql("""
                select c.display_name, a.account_class, a.mailing_line1, a.mailing_line2, a.mailing_city,
                       a.mailing_state, a.mailing_zip
                  from account a join customer c on c.id = a.customer_id where a.id = :id
                """).param("id", accountId).query((rs, n) -> {
                    List<String> lines = new ArrayList<>();
                    lines.add(rs.getString("display_name"));
                    lines.add(rs.getString("mailing_line1"));
                    if (rs.getString("mailing_line2") != null && !rs.getString("mailing_line2").isBlank()) {
                        lines.add(rs.getString("mailing_line2"));
                    }
                    lines.add(rs.getString("mailing_city") + ", " + rs.getString("mailing_state") + " " + rs.getString("mailing_zip"));
                    return new Addressee(rs.getString("display_name"), rs.getString("account_class"), lines, List.of());
                }).optional().orElseThrow(() -> new RecordNotFound("accountId", "There is no account " + accountId + "."));
        List<String> premises = jdbc.sql("""
                select distinct p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city || ', ' || p.state || ' ' || p.zip
                  from bill_service s join service_agreement g on g.id = s.agreement_id join premise p on p.id = g.premise_id
                 where s.bill_id = :bill order by 1
                """).param("bill", billId).query(String.class).list();
        return new Addressee(head.customerName(), head.accountClass(), head.mailingLines(), premises);
    }
}
