package org.civicdesk.metering.internal;

import java.util.ArrayList;
import java.util.List;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The account screen's meters (order 110): each metered service's meter, its last reads, a read form. */
@Component
class MeteringAccountSection implements AccountScreenSection {

    /** What the fragment shows. */
    public record MetersData(String accountNumber, List<MeteredService> services, boolean canEnterReads) {
    }

    /** One metered service of the account. */
    public record MeteredService(String serviceType, String address, String meterNumber, String units,
            boolean hasDemand, List<ReadDesk.Read> lastReads) {
    }

    private final JdbcClient jdbc;
    private final ReadDesk reads;

    MeteringAccountSection(JdbcClient jdbc, ReadDesk reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public String template() {
        return "metering/account";
    }

    @Override
    public String selector() {
        return "meters";
    }

    private record Row(String accountNumber, String serviceType, String address, String meterNumber, String units,
            boolean hasDemand) {
    }

    @Override
    public Object data(long accountId) {
        if (!CurrentStaff.has(Permission.BILLING_VIEW)) {
            return null;
        }
        List<Row> rows = jdbc.sql("""
                select a.account_number, sa.service_type,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address,
                       m.meter_number, m.units, m.has_demand
                  from service_agreement sa join account a on a.id = sa.account_id join premise p on p.id = sa.premise_id
                  left join service_point sp on sp.premise_id = sa.premise_id and sp.service_type = sa.service_type
                  left join meter_install mi on mi.service_point_id = sp.id and mi.removed_on is null
                  left join meter m on m.id = mi.meter_id
                 where sa.account_id = ? and sa.service_type in ('ELECTRIC', 'GAS', 'WATER', 'IRRIGATION', 'HYDRANT')
                   and sa.status in ('ACTIVE', 'PENDING_STOP', 'PENDING_START')
                 order by sa.service_type""").param(accountId)
                .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)))
                .list();
        if (rows.isEmpty()) {
            return null;
        }
        List<MeteredService> services = new ArrayList<>();
        for (Row r : rows) {
            services.add(new MeteredService(r.serviceType(), r.address(), r.meterNumber(), r.units(), r.hasDemand(),
                    r.meterNumber() == null ? List.of() : reads.readsOfMeter(r.meterNumber(), 4)));
        }
        return new MetersData(rows.get(0).accountNumber(), services, CurrentStaff.has(Permission.READS_ENTER));
    }

}
