package org.civicdesk.customer.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class PremisePagesTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void aSpecialistAddsAPremiseAndABadZipIsNamedAndNothingIsWritten() throws Exception {
        String street = "77 N Newbuild" + System.nanoTime() % 1_000_000 + " Way";
        mvc.perform(get("/premises/new").with(httpBasic("csr", "civicdesk-demo"))).andExpect(status().isOk());
        mvc.perform(post("/premises/new").with(httpBasic("csr", "civicdesk-demo")).param("addressLine1", street)
                        .param("city", "Mesa").param("state", "AZ").param("zip", "8520").param("premiseType", "SINGLE_FAMILY")
                        .param("billingCycle", "4").param("route", "R04").param("servicesAvailable", "WATER"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("zip-error")));
        assertThat(jdbc.sql("select count(*) from premise where address_line1 = ?").param(street).query(Long.class).single()).isZero();
        mvc.perform(post("/premises/new").with(httpBasic("csr", "civicdesk-demo")).param("addressLine1", street)
                        .param("city", "Mesa").param("state", "AZ").param("zip", "85205").param("premiseType", "SINGLE_FAMILY")
                        .param("billingCycle", "4").param("route", "R04").param("servicesAvailable", "WATER", "WASTEWATER"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from premise where address_line1 = ?").param(street).query(Long.class).single()).isOne();
        mvc.perform(get("/premises/new").with(httpBasic("cashier", "civicdesk-demo"))).andExpect(status().isForbidden());
    }
}
