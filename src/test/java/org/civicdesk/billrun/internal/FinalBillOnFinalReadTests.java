package org.civicdesk.billrun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.fieldservice.internal.FieldServiceFixture;
import org.civicdesk.metering.internal.MeterDesk;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CivicDeskTest
class FinalBillOnFinalReadTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterDesk meters;
    @Autowired
    FieldOrders orders;
    @Autowired
    Clock clock;

    private long bills(long accountId) {
        return jdbc.sql("select count(*) from bill where account_id = ?").param(accountId).query(Long.class).single();
    }

    private FieldOrder finalRead(FieldServiceFixture.Made m, LocalDate day) {
        return AuditActor.runAs("test", () -> {
            FieldOrder o = orders.create(new NewFieldOrder(FieldOrderTypes.FINAL_READ, m.accountNumber(), m.premiseId(),
                    "ELECTRIC", m.agreementId(), day, null, null, "test", FieldServiceFixture.unique("final-")));
            return orders.assign(o.id(), "field1");
        });
    }

    @Test
    void theLastFinalReadOfAStoppedAccountBringsItsFinalBillAndAnOpenServiceDoesNot() throws Exception {
        LocalDate today = LocalDate.now(clock);
        FieldServiceFixture.Made stopped = FieldServiceFixture.make(jdbc, meters, today.minusDays(40));
        jdbc.sql("update service_agreement set status = 'STOPPED', end_date = ?, final_bill_requested = true where id = ?")
                .params(today, stopped.agreementId()).update();
        FieldServiceFixture.Made open = FieldServiceFixture.make(jdbc, meters, today.minusDays(40));

        FieldOrder last = finalRead(stopped, today);
        FieldOrder early = finalRead(open, today);
        AuditActor.runAs("test", () -> orders.complete(early.id(), "1031", null));
        AuditActor.runAs("test", () -> orders.complete(last.id(), "1062", null));

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (bills(stopped.accountId()) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(bills(stopped.accountId())).isEqualTo(1);
        assertThat(jdbc.sql("""
                select bs.consumption from bill_service bs join bill b on b.id = bs.bill_id where b.account_id = ?""")
                .param(stopped.accountId()).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("62");
        assertThat(bills(open.accountId())).as("an account still taking service waits for its cycle").isZero();
    }
}
