package org.civicdesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A manual entry above the limit waits for a second person, then posts once: identity's approvals with the ledger's action. */
@CivicDeskTest
class ManualEntryApprovalFlowTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    private long entriesWithKey(String key) {
        return jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key = ?").param(key).query(Long.class).single();
    }

    @Test
    void aLargeManualEntryPostsOnlyWhenAnotherPersonApprovesIt() throws Exception {
        String key = "manual-flow-" + System.nanoTime();
        mvc.perform(post("/ledger/entries/new").with(httpBasic("headcashier", "civicdesk-demo"))
                        .param("idempotencyKey", key).param("businessDate", java.time.LocalDate.now(clock).toString())
                        .param("memo", "Transfer of the 2025 surplus")
                        .param("lines[0].account", "GENERAL/1010").param("lines[0].side", "DEBIT").param("lines[0].amount", "12500.00")
                        .param("lines[1].account", "GENERAL/3000").param("lines[1].side", "CREDIT").param("lines[1].amount", "12500.00"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", org.hamcrest.Matchers.containsString("approval request")));
        assertThat(entriesWithKey(key)).isZero();
        long requestId = jdbc.sql("select id from approval_request where payload->>'idempotencyKey' = ?").param(key)
                .query(Long.class).single();

        // the requester cannot approve, even holding the permission elsewhere
        mvc.perform(post("/approvals/" + requestId + "/approve").with(httpBasic("headcashier", "civicdesk-demo")).param("note", "mine"))
                .andExpect(flash().attribute("flash", org.hamcrest.Matchers.containsString("another person must decide")));
        assertThat(entriesWithKey(key)).isZero();
        // a cashier may not decide it
        mvc.perform(post("/approvals/" + requestId + "/approve").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isForbidden());

        mvc.perform(get("/approvals").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("12,500.00")));
        mvc.perform(post("/approvals/" + requestId + "/approve").with(httpBasic("supervisor", "civicdesk-demo")).param("note", "board minute 14"))
                .andExpect(flash().attribute("flash", org.hamcrest.Matchers.startsWith("Approved and done")));
        assertThat(entriesWithKey(key)).isEqualTo(1);
        assertThat(jdbc.sql("select posted_by from ledger_journal_entry where idempotency_key = ?").param(key)
                .query(String.class).single()).isNotBlank();

        mvc.perform(post("/approvals/" + requestId + "/approve").with(httpBasic("admin", "civicdesk-demo")))
                .andExpect(status().isConflict());
        assertThat(entriesWithKey(key)).isEqualTo(1);
    }
}
