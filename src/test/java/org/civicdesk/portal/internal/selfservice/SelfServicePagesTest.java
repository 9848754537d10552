package org.civicdesk.portal.internal.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.Locale;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The pages a customer reads: account, bills with PDFs, payments, usage with last year, tips; English and Spanish. */
@CivicDeskTest
class SelfServicePagesTest {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired WebApplicationContext context;

    MockMvc mvc;
    PortalFixture.Customer c;
    LocalDate today;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        today = LocalDate.now(clock);
        c = PortalFixture.customer(jdbc, ledger, "en", today);
        PortalFixture.charge(ledger, c.account(), "52.40", today.minusDays(4), today.plusDays(17));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String page(String path, Locale locale) throws Exception {
        MvcResult r = mvc.perform(get(path).with(PortalFixture.inLanguage(jdbc, c.login(), locale.getLanguage())).with(PortalFixture.as(c.login()))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    @Test
    void accountPageShowsBalanceDueDateAndServices() throws Exception {
        String html = page("/portal/accounts/" + c.number(), Locale.ENGLISH);
        assertThat(html).contains("Account " + c.number()).contains("$52.40").contains("Current balance")
                .contains("Due date").contains(c.account().serviceAddress().replace(", AZ 85201", "")).contains("Water").contains("Wastewater")
                .contains(c.account().customerName());
        String es = page("/portal/accounts/" + c.number(), Locale.forLanguageTag("es"));
        assertThat(es).contains("Saldo actual").contains("Agua").contains("Alcantarillado").contains("$52.40");
    }

    @Test
    void billsPageListsBillsWithPdfLinksAndThePdfIsServed() throws Exception {
        String html = page("/portal/accounts/" + c.number() + "/bills", Locale.ENGLISH);
        assertThat(html).contains("/portal/accounts/" + c.number() + "/bills/" + c.latestBill() + ".pdf");
        MvcResult pdf = mvc.perform(get("/portal/accounts/" + c.number() + "/bills/" + c.latestBill() + ".pdf")
                .with(PortalFixture.inLanguage(jdbc, c.login(), "es")).with(PortalFixture.as(c.login()))).andReturn();
        assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getResponse().getContentAsByteArray(), 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    void usageShowsAChartAndATableWithTheSamePeriodLastYear() throws Exception {
        String html = page("/portal/accounts/" + c.number() + "/usage", Locale.ENGLISH);
        assertThat(html).contains("<svg").contains("usage-last-year").contains("usage-WATER-table")
                .contains("Same period last year");
        // the latest period used 9 kgal, and so did the period read twelve months before it; the oldest periods
        // have no bill a year before (the tariff book starts in 2025)
        assertThat(html).containsPattern("<td class=\"num\">9</td>\\s*<td class=\"num\">9</td>\\s*</tr>\\s*</tbody>")
                .contains("no data");
        String es = page("/portal/accounts/" + c.number() + "/usage", Locale.forLanguageTag("es"));
        assertThat(es).contains("Mismo período del año anterior").contains("miles de galones");
    }

    @Test
    void tipsComeFromTheBillsTipsInTheCustomersLanguage() throws Exception {
        String html = page("/portal/accounts/" + c.number() + "/tips", Locale.ENGLISH);
        assertThat(html).contains("Tips for summer").contains("Tips for winter").contains("Desert plants need about half");
        String es = page("/portal/accounts/" + c.number() + "/tips", Locale.forLanguageTag("es"));
        assertThat(es).contains("Las plantas del desierto");
    }

    @Test
    void requestsAndPayPagesRender() throws Exception {
        for (String p : new String[] {"/requests", "/requests/stop", "/requests/start", "/requests/transfer",
                "/requests/arrangement", "/requests/extension", "/requests/case", "/pay", "/pay/bank", "/autopay"}) {
            page("/portal/accounts/" + c.number() + p, Locale.ENGLISH);
            page("/portal/accounts/" + c.number() + p, Locale.forLanguageTag("es"));
        }
    }
}
