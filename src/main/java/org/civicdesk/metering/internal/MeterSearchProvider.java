package org.civicdesk.metering.internal;

import java.util.List;
import java.util.Locale;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.SearchProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Meter numbers in the search box: the account now served through the meter, and the meter itself. */
@Component
class MeterSearchProvider implements SearchProvider {

    private final JdbcClient jdbc;

    MeterSearchProvider(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return "Meters";
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        String q = query == null ? "" : query.trim().toUpperCase(Locale.ROOT);
        // a meter number has a letter and a digit (account numbers are digits only)
        if (!CurrentStaff.has(Permission.CUSTOMER_VIEW) || !q.matches("(?=.*[A-Z])(?=.*[0-9])[A-Z0-9-]{3,20}")) {
            return List.of();
        }
        return jdbc.sql("""
                select m.meter_number, m.service_type, a.account_number, c.display_name,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address
                  from meter m
                  left join meter_install mi on mi.meter_id = m.id and mi.removed_on is null
                  left join service_point sp on sp.id = mi.service_point_id
                  left join premise p on p.id = sp.premise_id
                  left join service_agreement sa on sa.premise_id = sp.premise_id and sa.service_type = sp.service_type
                                                and sa.status in ('ACTIVE', 'PENDING_STOP', 'PENDING_START')
                  left join account a on a.id = sa.account_id
                  left join customer c on c.id = a.customer_id
                 where m.meter_number = ? or m.meter_number like ?
                 order by m.meter_number <> ?, m.meter_number limit ?""")
                .params(q, q.replace("%", "").replace("_", "") + "%", q, limit)
                .query((rs, row) -> {
                    String meter = rs.getString("meter_number");
                    String account = rs.getString("account_number");
                    String address = rs.getString("address");
                    String service = rs.getString("service_type").toLowerCase(Locale.ROOT);
                    return account == null
                            ? new SearchHit("Meter " + meter, service + " meter, "
                                    + (address == null ? "not installed" : "at " + address + ", no current account"),
                                    "/meters/" + meter)
                            : new SearchHit(account + " " + rs.getString("display_name"),
                                    service + " meter " + meter + " at " + address, "/accounts/" + account);
                })
                .list();
    }
}
