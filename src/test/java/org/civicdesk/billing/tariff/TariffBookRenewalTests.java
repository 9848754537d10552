package org.civicdesk.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.civicdesk.billing.internal.tariff.CachedTariffs;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The cached book sees another instance's additions through the revision counter; adjuster and tax additions. */
@CivicDeskTest
class TariffBookRenewalTests {

    @Autowired CachedTariffs tariffs;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    private String testAdjuster() {
        String code = "TA" + Long.toString(System.nanoTime(), 36).toUpperCase();
        jdbc.sql("insert into billing_adjuster (code, description, unit) values (:c, 'Test adjuster', 'kWh')")
                .param("c", code).update();
        jdbc.sql("""
                insert into billing_adjuster_version (adjuster_code, effective_from, price, note, created_at, created_by)
                values (:c, '2026-01-01', 0.0100, 'test', now(), 'test')
                """).param("c", code).update();
        return code;
    }

    @Test
    void anAdditionByAnotherInstanceIsSeenAfterTheNextRevisionCheck() throws Exception {
        tariffs.snapshot();
        String code = testAdjuster(); // written as another instance would: straight to the tables
        jdbc.sql("update billing_tariff_revision set revision = revision + 1 where id = 1").update();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!tariffs.snapshot().adjusters().containsKey(code) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(tariffs.snapshot().adjusters()).containsKey(code);
    }

    @Test
    void anAdjusterPriceIsAddedFromADateAndABackdatedOneIsRefused() throws Exception {
        String code = testAdjuster();
        tariffs.snapshot();
        jdbc.sql("update billing_tariff_revision set revision = revision + 1 where id = 1").update();
        Thread.sleep(1100);
        mvc.perform(post("/api/v1/tariffs/adjusters/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effectiveFrom\": \"2025-06-01\", \"price\": 0.02, \"note\": \"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"));
        mvc.perform(post("/api/v1/tariffs/adjusters/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effectiveFrom\": \"2026-09-01\", \"price\": -0.02, \"note\": \"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("price"));
        mvc.perform(post("/api/v1/tariffs/adjusters/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effectiveFrom\": \"2026-09-01\", \"price\": 0.02, \"note\": \"Fuel cost\"}"))
                .andExpect(status().isCreated());
        // renewed on this instance at commit, without waiting for the revision check
        assertThat(tariffs.snapshot().adjusters().get(code)).hasSize(2);
    }

    @Test
    void theBookPageAddsAnAdjusterPriceAndShowsRefusalsByField() throws Exception {
        String code = testAdjuster();
        jdbc.sql("update billing_tariff_revision set revision = revision + 1 where id = 1").update();
        Thread.sleep(1100);
        mvc.perform(get("/tariffs").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Add an adjuster price")));
        mvc.perform(get("/tariffs").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("Add an adjuster price"))));
        mvc.perform(post("/tariffs/adjusters").with(httpBasic("supervisor", "civicdesk-demo")).with(csrf())
                        .param("adjusterCode", code).param("effectiveFrom", "2025-12-31").param("price", "0.03")
                        .param("note", "x"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("id=\"adjuster.effectiveFrom-error\"")));
        mvc.perform(post("/tariffs/taxes").with(httpBasic("supervisor", "civicdesk-demo")).with(csrf())
                        .param("jurisdiction", "CITY").param("effectiveFrom", "2030-01-01").param("percent", "abc")
                        .param("description", "x"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("id=\"tax.rate-error\"")));
        mvc.perform(post("/tariffs/adjusters").with(httpBasic("supervisor", "civicdesk-demo")).with(csrf())
                        .param("adjusterCode", code).param("effectiveFrom", "2026-10-01").param("price", "0.03")
                        .param("note", "Fuel cost"))
                .andExpect(status().is3xxRedirection());
        assertThat(tariffs.snapshot().adjusters().get(code)).extracting(a -> a.effectiveFrom().toString())
                .containsExactly("2026-01-01", "2026-10-01");
    }

    @Test
    void aTaxRateMustStartAfterTheLatestAndBeAFraction() throws Exception {
        mvc.perform(post("/api/v1/tariffs/taxes").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"jurisdiction": "CITY", "effectiveFrom": "2025-01-01", "rate": 0.021, "description": "City"}
                                """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("after the latest")));
        mvc.perform(post("/api/v1/tariffs/taxes").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"jurisdiction": "CITY", "effectiveFrom": "2031-01-01", "rate": 2.0, "description": "City"}
                                """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("rate"));
        mvc.perform(post("/api/v1/tariffs/taxes").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"jurisdiction": "CITY", "effectiveFrom": "2031-01-01", "rate": 0.02, "description": "City"}
                                """))
                .andExpect(status().isForbidden());
    }
}
