package org.civicdesk.metering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.metering.BillableService;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.metering.BillingReads;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo city's meters and reads, loaded at start (demo data is on in tests). */
@CivicDeskTest
class MeteringDemoTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BillingReads billingReads;
    @Autowired
    Clock clock;

    @Test
    void everyCurrentMeteredAgreementOfTheDemoCityHasAMeterAndMonthlyReads() {
        long withoutMeter = jdbc.sql("""
                select count(*) from service_agreement sa join account a on a.id = sa.account_id
                 where a.created_by = 'system:demo-city' and sa.service_type in ('ELECTRIC', 'GAS', 'WATER', 'HYDRANT')
                   and sa.status = 'ACTIVE'
                   and not exists (select 1 from service_point sp join meter_install mi on mi.service_point_id = sp.id
                                    where sp.premise_id = sa.premise_id and sp.service_type = sa.service_type)""")
                .query(Long.class).single();
        assertThat(withoutMeter).isZero();
        long meters = jdbc.sql("select count(*) from meter where created_by = ?").param(DemoMeterLoader.CREATED_BY)
                .query(Long.class).single();
        long reads = jdbc.sql("select count(*) from meter_read where entered_by = ?").param(DemoMeterLoader.CREATED_BY)
                .query(Long.class).single();
        assertThat(meters).isPositive();
        assertThat(reads).isGreaterThan(meters * 10);
        assertThat(jdbc.sql("select count(*) from meter_read where entered_by = ? and status = 'EXCEPTION'")
                .param(DemoMeterLoader.CREATED_BY).query(Long.class).single()).isPositive();
        // demand meters on commercial electric only
        assertThat(jdbc.sql("select count(*) from meter m where m.created_by = ? and m.has_demand")
                .param(DemoMeterLoader.CREATED_BY).query(Long.class).single()).isEqualTo(jdbc.sql("""
                select count(*) from service_agreement sa join account a on a.id = sa.account_id
                  join service_point sp on sp.premise_id = sa.premise_id and sp.service_type = sa.service_type
                  join meter_install mi on mi.service_point_id = sp.id and mi.created_by = ?
                 where sa.service_type = 'ELECTRIC' and a.account_class = 'COMMERCIAL' and sa.status = 'ACTIVE'""")
                .param(DemoMeterLoader.CREATED_BY).query(Long.class).single());
    }

    @Test
    void theDemoCityIsBillableFromItsReads() {
        List<BillableService> services = jdbc.sql("""
                select sa.id, sa.premise_id, sa.service_type, sa.start_date from service_agreement sa
                  join service_point sp on sp.premise_id = sa.premise_id and sp.service_type = sa.service_type
                  join meter_install mi on mi.service_point_id = sp.id
                 where sa.status = 'ACTIVE' and mi.created_by = 'system:demo'
                 order by sa.id limit 1000""")
                .query((rs, row) -> new BillableService(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), null, null))
                .list();
        Map<Long, BillableUsage> usage = billingReads.usage(services, LocalDate.now(clock), false);
        long billable = usage.values().stream().filter(BillableUsage::billable).count();
        long held = usage.values().stream().filter(u -> "READ_EXCEPTION".equals(u.problem())).count();
        assertThat(usage).hasSize(services.size());
        assertThat(billable + held).isEqualTo(services.size());
        assertThat(usage.values().stream().filter(BillableUsage::billable).allMatch(u -> u.consumption().signum() >= 0))
                .isTrue();
    }
}
