package org.civicdesk.customer.internal.accounts;

import static org.civicdesk.customer.internal.accounts.CustomerFixture.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@CivicDeskTest
class CustomerWebTests {

    @Autowired WebApplicationContext context;
    @Autowired Clock clock;

    private MockMvc as(String username) {
        return MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .defaultRequest(get("/").with(SecurityMockMvcRequestPostProcessors.httpBasic(username, "civicdesk-demo")))
                .build();
    }

    private long createPremise(MockMvc mvc) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/premises").contentType(MediaType.APPLICATION_JSON).content("""
                        {"addressLine1": "%s W Broadway Rd", "city": "Mesa", "zip": "85210", "premiseType": "SINGLE_FAMILY",
                         "billingCycle": 4, "route": "R7", "servicesAvailable": ["WATER", "WASTEWATER", "SOLID_WASTE", "GAS"]}
                        """.formatted(unique())))
                .andExpect(status().isCreated()).andReturn();
        return ((Number) JsonPath.read(r.getResponse().getContentAsString(), "$.id")).longValue();
    }

    /** A tax id no other test uses (an unpaid closed balance under a shared one would hold the start). */
    private String taxId = "9" + unique().substring(unique().length() - 8);

    private String startByApi(MockMvc mvc, long premiseId, String lastName, String docNumber) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/service-starts").contentType(MediaType.APPLICATION_JSON).content("""
                        {"newCustomer": {"kind": "PERSON", "firstName": "Mia", "lastName": "%s", "taxId": "%s",
                           "documents": [{"type": "PASSPORT", "number": "%s", "issuer": "USA", "expiresOn": "%s"}]},
                         "premiseId": %d, "services": ["WATER", "GAS"], "startDate": "%s", "occupancyDocType": "DEED"}
                        """.formatted(lastName, taxId, docNumber, LocalDate.now(clock).plusYears(5), premiseId, LocalDate.now(clock))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.newAccount").value(true))
                .andReturn();
        return JsonPath.read(r.getResponse().getContentAsString(), "$.accountNumber");
    }

    @Test
    void theApiStartsServiceAndShowsTheAccountWithMaskedIdentifiersAndItsAgreements() throws Exception {
        MockMvc csr = as("csr");
        long premiseId = createPremise(csr);
        String n = startByApi(csr, premiseId, "Api" + unique(), "P" + unique());
        csr.perform(get("/api/v1/accounts/{n}", n))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.account.accountNumber").value(n))
                .andExpect(jsonPath("$.balance.balance").value(11.00));
        csr.perform(get("/api/v1/accounts/{n}/agreements", n))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
        MvcResult account = csr.perform(get("/api/v1/accounts/{n}", n)).andReturn();
        long customerId = ((Number) JsonPath.read(account.getResponse().getContentAsString(), "$.account.customerId")).longValue();
        csr.perform(get("/api/v1/customers/{id}", customerId))
                .andExpect(jsonPath("$.taxIdMasked").value("****" + taxId.substring(5)))
                .andExpect(content().string(not(containsString(taxId))));
    }

    @Test
    void anInvalidAccountNumberInAPathOrBodyIsRefusedNamingTheField() throws Exception {
        MockMvc csr = as("csr");
        String good = AccountNumber.fromSequence(123456789L).value();
        String bad = good.substring(0, 9) + ((good.charAt(9) - '0' + 1) % 10);
        csr.perform(get("/api/v1/accounts/{n}", bad))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("accountNumber"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("check digit")));
        csr.perform(post("/api/v1/service-transfers").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountNumber\": \"%s\", \"fromPremiseId\": 1, \"toPremiseId\": 2, \"stopDate\": \"2026-11-26\"}".formatted(bad)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("accountNumber"));
        csr.perform(get("/accounts/{n}", bad)).andExpect(status().isUnprocessableContent());
    }

    @Test
    void aDueDayOutOfRangeIsA422NamingTheFieldInTheApi() throws Exception {
        MockMvc csr = as("csr");
        String n = startByApi(csr, createPremise(csr), "Due" + unique(), "P" + unique());
        csr.perform(patch("/api/v1/accounts/{n}", n).contentType(MediaType.APPLICATION_JSON).content("{\"billDueDay\": 31}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("billDueDay"));
        csr.perform(patch("/api/v1/accounts/{n}", n).contentType(MediaType.APPLICATION_JSON).content("{\"billDueDay\": 20}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.billDueDay").value(20));
    }

    @Test
    void aCashierMayViewButNotStartServiceOrEditAccounts() throws Exception {
        MockMvc csr = as("csr");
        String n = startByApi(csr, createPremise(csr), "Cash" + unique(), "P" + unique());
        MockMvc cashier = as("cashier");
        cashier.perform(get("/accounts/{n}", n)).andExpect(status().isOk());
        cashier.perform(post("/api/v1/service-starts").contentType(MediaType.APPLICATION_JSON).content("{\"premiseId\": 1}"))
                .andExpect(status().isForbidden());
        cashier.perform(patch("/api/v1/accounts/{n}", n).contentType(MediaType.APPLICATION_JSON).content("{\"paperless\": true}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theAccountScreenShowsWhatMayBeSaidUntilTheCallerIsVerified() throws Exception {
        MockMvc csr = as("csr");
        String n = startByApi(csr, createPremise(csr), "Screen" + unique(), "P" + unique());
        MockMvc senior = as("senior");
        csr.perform(get("/accounts/{n}", n))
                .andExpect(content().string(containsString("id=\"verified\"")));
        senior.perform(get("/accounts/{n}", n))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The caller is not verified")))
                .andExpect(content().string(containsString("payment address")))
                .andExpect(content().string(containsString("$11.00")))
                .andExpect(content().string(containsString("CONNECT")))
                .andExpect(content().string(containsString("service-started")))
                .andExpect(content().string(containsString("****" + taxId.substring(5))))
                .andExpect(content().string(containsString(">Reveal<")));
        csr.perform(get("/accounts/{n}", n)).andExpect(content().string(not(containsString(">Reveal<"))));
        senior.perform(post("/accounts/{n}/verify", n).param("channel", "PHONE").param("method", "ACCOUNT_DETAILS"))
                .andExpect(status().is3xxRedirection());
        senior.perform(get("/accounts/{n}", n))
                .andExpect(content().string(containsString("id=\"verified\"")))
                .andExpect(content().string(not(containsString("The caller is not verified"))));
    }

    @Test
    void theRevealButtonReturnsTheClearValueOnlyForPiiReveal() throws Exception {
        MockMvc csr = as("csr");
        String n = startByApi(csr, createPremise(csr), "Reveal" + unique(), "P" + unique());
        MvcResult account = csr.perform(get("/api/v1/accounts/{n}", n)).andReturn();
        long customerId = ((Number) JsonPath.read(account.getResponse().getContentAsString(), "$.account.customerId")).longValue();
        csr.perform(post("/customers/{id}/reveal", customerId).param("field", "taxId")).andExpect(status().isForbidden());
        as("senior").perform(post("/customers/{id}/reveal", customerId).param("field", "taxId"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(taxId)));
        as("supervisor").perform(post("/api/v1/customers/{id}/reveal", customerId).param("field", "taxId"))
                .andExpect(jsonPath("$.value").value(taxId));
    }

    @Test
    void theStartFormStartsServiceForANewCustomerAndShowsFieldErrorsOnARefusal() throws Exception {
        MockMvc csr = as("csr");
        long premiseId = createPremise(csr);
        String today = LocalDate.now(clock).toString();
        csr.perform(get("/service/start").param("premiseId", Long.toString(premiseId)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Start service")));
        csr.perform(post("/service/start").param("premiseId", Long.toString(premiseId)).param("kind", "PERSON")
                        .param("firstName", "Eva").param("lastName", "Form" + unique()).param("docType", "STATE_ID")
                        .param("docNumber", "S" + unique()).param("docIssuer", "AZ").param("docExpiresOn", "2020-01-01")
                        .param("services", "WATER").param("startDate", today).param("occupancyDocType", "LEASE"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"customer.documents[0].expiresOn-error\"")))
                .andExpect(content().string(containsString("expired")));
        csr.perform(post("/service/start").param("premiseId", Long.toString(premiseId)).param("kind", "PERSON")
                        .param("firstName", "Eva").param("lastName", "Form" + unique()).param("docType", "STATE_ID")
                        .param("docNumber", "S" + unique()).param("docIssuer", "AZ")
                        .param("services", "WATER", "SOLID_WASTE").param("startDate", today).param("occupancyDocType", "LEASE"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/accounts/*"));
        csr.perform(get("/premises/{id}", premiseId))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("SOLID_WASTE")));
    }

    @Test
    void theFormsOfAnAccountRender() throws Exception {
        MockMvc senior = as("senior");
        String n = startByApi(senior, createPremise(senior), "Forms" + unique(), "P" + unique());
        for (String form : new String[] {"stop", "transfer", "edit", "verify", "alerts", "authorized"}) {
            senior.perform(get("/accounts/{n}/" + form, n)).andExpect(status().isOk());
        }
        senior.perform(post("/accounts/{n}/edit", n).param("line1", "1 Center St").param("city", "Mesa").param("state", "AZ")
                        .param("zip", "85201").param("billDueDay", "0").param("language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"billDueDay-error\"")))
                .andExpect(content().string(containsString("value=\"1 Center St\"")));
        senior.perform(post("/accounts/{n}/stop", n).param("stopDate", LocalDate.now(clock).minusDays(3).toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"stopDate-error\"")));
        senior.perform(post("/accounts/{n}/stop", n).param("stopDate", LocalDate.now(clock).toString()))
                .andExpect(status().is3xxRedirection());
        senior.perform(get("/accounts/{n}", n)).andExpect(content().string(containsString("CLOSED")));
    }
}
