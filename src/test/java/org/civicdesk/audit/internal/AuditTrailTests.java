package org.civicdesk.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@CivicDeskTest
class AuditTrailTests {

    @Autowired AuditTrail audit;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired TransactionTemplate tx;

    @Test
    void aChangeIsRecordedWithWhoBeforeAndAfter() {
        String id = "rec-" + System.nanoTime();
        AuditActor.runAs("system:test", () -> audit.recordChange("test_record", id, "updated",
                Map.of("status", "open"), Map.of("status", "closed")));
        Map<String, Object> row = jdbc.sql("select actor, action, before_state::text b, after_state::text a from audit_event where record_id = ?")
                .param(id).query().singleRow();
        assertThat(row).containsEntry("actor", "system:test").containsEntry("action", "updated");
        assertThat(row.get("b").toString()).contains("\"open\"");
        assertThat(row.get("a").toString()).contains("\"closed\"");
    }


    @Test
    void manyChangesRecordedTogetherAreEachTheirOwnEventInOrder() {
        String prefix = "batch-" + System.nanoTime() + "-";
        AuditActor.runAs("system:test", () -> audit.recordChanges("test_record", "credited", java.util.List.of(
                new AuditTrail.Change(prefix + "a", null, Map.of("amount", "1.00")),
                new AuditTrail.Change(prefix + "b", Map.of("held", "2.00"), Map.of("amount", "2.00")),
                new AuditTrail.Change(prefix + "c", Map.of("held", "3.00"), null))));
        var rows = jdbc.sql("""
                select record_id, actor, action, record_type, before_state::text b, after_state::text a
                  from audit_event where record_id like ? order by id""")
                .param(prefix + "%").query().listOfRows();
        assertThat(rows).extracting(r -> r.get("record_id")).containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("actor", "system:test")
                .containsEntry("action", "credited").containsEntry("record_type", "test_record"));
        assertThat(rows.get(0).get("b")).isNull();
        assertThat(rows.get(1).get("b").toString()).contains("\"2.00\"");
        assertThat(rows.get(2).get("a")).isNull();
        audit.recordChanges("test_record", "credited", java.util.List.of());
    }
    @Test
    void anAuditRecordRollsBackWithTheChangeItDescribes() {
        String id = "rb-" + System.nanoTime();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.recordChange("test_record", id, "created", null, Map.of("x", 1));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select count(*) from audit_event where record_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteTheTrail() {
        String id = "ro-" + System.nanoTime();
        audit.recordEvent("tested", "test_record", id, null);
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone-else' where record_id = ?").param(id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where record_id = ?").param(id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select actor from audit_event where record_id = ?").param(id).query(String.class).single())
                .isEqualTo("anonymous");
    }

    @Test
    void aRevealOfAProtectedIdentifierIsRecorded() {
        String id = "cust-" + System.nanoTime();
        AuditActor.runAs("csr", () -> audit.recordReveal("customer", id, "date_of_birth"));
        assertThat(jdbc.sql("select action || ':' || detail from audit_event where record_id = ?").param(id)
                .query(String.class).single()).isEqualTo("revealed:date_of_birth");
    }

    @Test
    void supervisorsSearchTheTrailByUserAndRecord() throws Exception {
        String id = "srch-" + System.nanoTime();
        AuditActor.runAs("searcher", () -> audit.recordEvent("tested", "test_record", id, "found me"));
        mvc.perform(get("/api/v1/audit-events").param("actor", "searcher").param("recordId", id)
                        .with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].recordId").value(id))
                .andExpect(jsonPath("$[0].detail").value("found me"));
        mvc.perform(get("/audit").param("recordId", id).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("found me")));
        mvc.perform(get("/api/v1/audit-events").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isForbidden());
    }
}
