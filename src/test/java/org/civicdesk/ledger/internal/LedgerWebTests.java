package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class LedgerWebTests {

    @Autowired
    WebApplicationContext context;

    /** MockMvc signed in as a demo user (shared demo password); their role decides their permissions. */
    private MockMvc as(String username) {
        return MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .defaultRequest(get("/").with(SecurityMockMvcRequestPostProcessors.httpBasic(username, "civicdesk-demo")))
                .build();
    }

    private static String body(String amount) {
        return """
                {"memo": "Miscellaneous receipt", "lines": [
                  {"fund": "GENERAL", "account": "1020", "side": "DEBIT", "amount": %s},
                  {"fund": "GENERAL", "account": "4030", "side": "CREDIT", "amount": %s}]}""".formatted(amount, amount);
    }

    @Test
    void theApiPostsOnceReplaysTheSameBodyAndRefusesAnotherUnderOneKey() throws Exception {
        MockMvc mvc = as("headcashier");
        String key = "api-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/ledger/journal-entries").with(csrf()).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body("12.50")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines.length()").value(2))
                .andExpect(jsonPath("$.postedBy").value("headcashier"));
        mvc.perform(post("/api/v1/ledger/journal-entries").with(csrf()).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body("12.50")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/ledger/journal-entries").with(csrf()).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body("13.50")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("ledger.idempotency-key-reused"))
                .andExpect(jsonPath("$.errors[0].field").value("idempotencyKey"));
    }

    @Test
    void anUnbalancedApiPostingIsAProblemNamingTheField() throws Exception {
        MockMvc mvc = as("headcashier");
        mvc.perform(post("/api/v1/ledger/journal-entries").with(csrf()).header("Idempotency-Key", "api-" + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"memo": "x", "lines": [
                                  {"fund": "GENERAL", "account": "1020", "side": "DEBIT", "amount": 10.00},
                                  {"fund": "GENERAL", "account": "4030", "side": "CREDIT", "amount": 9.00}]}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("ledger.unbalanced"))
                .andExpect(jsonPath("$.errors[0].field").value("lines"));
    }

    @Test
    void theTrialBalanceIsAPageJsonAndCsv() throws Exception {
        MockMvc mvc = as("headcashier");
        mvc.perform(get("/ledger/trial-balance").param("fund", "WATER").param("date", "2026-11-26"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Customer receivables")));
        mvc.perform(get("/ledger/trial-balance.csv").param("fund", "WATER").param("date", "2026-11-26"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("trial-balance-WATER")))
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("fund,as_of,account")));
        mvc.perform(get("/api/v1/ledger/trial-balance").param("fund", "WATER").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanced").value(true));
        mvc.perform(get("/api/v1/ledger/trial-balance").param("fund", "WATER").accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"));
        mvc.perform(get("/ledger/entries")).andExpect(status().isOk());
        mvc.perform(get("/ledger/periods")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/ledger/funds")).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(7));
    }

    @Test
    void staffPostAManualEntryFromTheForm() throws Exception {
        MockMvc mvc = as("headcashier");
        mvc.perform(get("/ledger/entries/new")).andExpect(status().isOk());
        mvc.perform(post("/ledger/entries/new").with(csrf())
                        .param("idempotencyKey", "manual-" + UUID.randomUUID())
                        .param("businessDate", java.time.LocalDate.now(java.time.ZoneId.of("America/Phoenix")).toString())
                        .param("memo", "Counter receipt")
                        .param("lines[0].account", "GENERAL/1020").param("lines[0].side", "DEBIT").param("lines[0].amount", "25.00")
                        .param("lines[1].account", "GENERAL/4030").param("lines[1].side", "CREDIT").param("lines[1].amount", "25.00"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/ledger/entries/new").with(csrf())
                        .param("idempotencyKey", "manual-" + UUID.randomUUID())
                        .param("businessDate", "2026-11-26")
                        .param("memo", "Unbalanced")
                        .param("lines[0].account", "GENERAL/1020").param("lines[0].amount", "25.00")
                        .param("lines[1].account", "GENERAL/4030").param("lines[1].side", "CREDIT").param("lines[1].amount", "24.00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("do not equal credits")));
    }

    @Autowired
    Ledger ledger;

    private long postEntry(String source, String amount) {
        return ledger.post(new JournalEntryRequest("ledger-web:" + UUID.randomUUID(), LocalDate.of(2026, 11, 2), source,
                "A " + source + " entry", List.of(JournalLineRequest.debit("GENERAL", "1020", Money.of(amount)),
                        JournalLineRequest.credit("GENERAL", "4030", Money.of(amount))))).id();
    }

    /**
     * A payment's entry is corrected from the payment (void or reversal), which keeps the drawer and the Daily Cash
     * Report in step: the ledger's own reversal refuses it and says where; a manual entry is still reversed here.
     */
    @Test
    void entriesOfCashieringAreCorrectedFromThePaymentNotReversedHere() throws Exception {
        MockMvc mvc = as("headcashier");
        long payment = postEntry("cashiering", "12.00");
        mvc.perform(post("/api/v1/ledger/journal-entries/" + payment + "/reversal").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"keyed twice\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("void or reverse the payment on its page")));
        mvc.perform(get("/ledger/entries/" + payment))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("corrected from the payment's page")))
                .andExpect(content().string(not(containsString("Reverse entry"))));
        assertThat(ledger.entry(payment).reversedByEntryId()).isNull();

        long manual = postEntry("manual", "3.00");
        mvc.perform(get("/ledger/entries/" + manual)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Reverse entry")));
        mvc.perform(post("/api/v1/ledger/journal-entries/" + manual + "/reversal").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"posted twice\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void staffWithoutLedgerViewAreTurnedAway() throws Exception {
        MockMvc mvc = as("csr");
        mvc.perform(get("/api/v1/ledger/funds")).andExpect(status().isForbidden());
        mvc.perform(get("/ledger/trial-balance")).andExpect(status().isForbidden());
    }
}
