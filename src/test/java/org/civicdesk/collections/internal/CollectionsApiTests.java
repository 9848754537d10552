package org.civicdesk.collections.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The collections REST API and the write-off pages: answers with reasons, refusals as problems, role checks. */
@CivicDeskTest
class CollectionsApiTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired WriteOffs writeOffs;

    private final Instant realNow = Instant.now();

    @AfterEach
    void restore() {
        clock.set(realNow);
    }

    private void today(LocalDate day) {
        clock.set(day.atTime(9, 0).atZone(ZoneId.of("America/Phoenix")).toInstant());
    }

    @Test
    void theStandingGivesEveryPolicysAnswerAndAnArrangementRefusalIsA422NamingTheField() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        mvc.perform(get("/api/v1/collections/accounts/" + a.accountNumber()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disconnect.reasons").isArray())
                .andExpect(jsonPath("$.arrangementEligibility.granted").value(false))
                .andExpect(jsonPath("$.depositRequirement.reasons[0]").value(Matchers.containsString("History with the city")))
                .andExpect(jsonPath("$.depositAmount.amount").exists());
        mvc.perform(post("/api/v1/collections/accounts/" + a.accountNumber() + "/arrangements").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"months\": 3}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("months"))
                .andExpect(jsonPath("$.errors[*].reason").value(Matchers.hasItem("Nothing is past due: there is nothing to arrange.")));
        assertThat(jdbc.sql("select count(*) from collections_arrangement where account_number = ?").param(a.accountNumber())
                .query(Long.class).single()).isZero();
        mvc.perform(post("/api/v1/collections/accounts/" + a.accountNumber() + "/arrangements").with(httpBasic("cashier", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"months\": 3}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/collections/accounts/" + a.accountNumber() + "/deposit").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/collections/accounts/" + a.accountNumber() + "/protections").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\": \"BANKRUPTCY\", \"note\": \"Case 1\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("startsOn"));
        mvc.perform(get("/api/v1/collections/write-offs").with(httpBasic("field1", "civicdesk-demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void writeOffsAndAgencyFilesAreListedAndDownloadedTheSameEveryTime() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        LocalDate stop = LocalDate.of(2037, 2, 2);
        jdbc.sql("update service_agreement set start_date = ?, status = 'STOPPED', end_date = ? where account_id = ?")
                .params(stop.minusMonths(3), stop, a.accountId()).update();
        TestBills.bill(jdbc, a, new TestBills.Period(stop.minusMonths(1), stop, 3, new BigDecimal("3"), false), "en", Money.ZERO, Money.ZERO, null);
        Receivable r = ledger.openReceivable("utility-account", "WATER", a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("test-final:" + a.accountNumber(), stop.plusDays(1), "billing", "Final bill", List.of(
                JournalLineRequest.debit("WATER", "1200", Money.of("61.25")).receivable(r.id()).due(stop.plusDays(22)),
                JournalLineRequest.credit("WATER", "4010", Money.of("61.25")))));
        LocalDate day = stop.plusDays(82);
        today(day);
        WriteOffs.Outcome o = writeOffs.run(day, List.of(a.accountNumber()));
        assertThat(o.agencyBatchId()).isNotNull();

        mvc.perform(get("/api/v1/collections/accounts/" + a.accountNumber() + "/write-off").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.amount").value(61.25)).andExpect(jsonPath("$.referable").value(true));
        String first = mvc.perform(get("/api/v1/collections/agency-batches/" + o.agencyBatchId() + "/file").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains(a.accountNumber()).contains("61.25");
        mvc.perform(get("/collections/agency-batches/" + o.agencyBatchId() + ".csv").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(first));
        mvc.perform(get("/collections/write-offs").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString(a.accountNumber())))
                .andExpect(content().string(Matchers.containsString("agency-batch-" + o.agencyBatchId() + ".csv")));
        mvc.perform(get("/accounts/" + a.accountNumber()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Deposit review and write-off")))
                .andExpect(content().string(Matchers.containsString("Written off $61.25 on " + day)));
        mvc.perform(get("/api/v1/collections/agency-batches").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id").value(Matchers.hasItem(o.agencyBatchId().intValue())));
    }
}
