package org.civicdesk.portal.internal.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Requests: a payment arrangement and a due-date extension decided by collections' policies (the reasons shown
 * when refused), stop service through the customer module's lifecycle, start and transfer as cases for staff, and
 * cases; field errors by name; the portal login as the actor of every record written.
 */
@CivicDeskTest
class RequestsTest {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired WebApplicationContext context;
    @Autowired org.civicdesk.collections.SelfServiceCollections collections;

    MockMvc mvc;
    PortalFixture.Customer c;
    LocalDate today;
    String actor;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        today = LocalDate.now(clock);
        c = PortalFixture.customer(jdbc, ledger, "en", today);
        actor = "portal:" + c.login().loginId();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private MvcResult send(String path, String... params) throws Exception {
        MockHttpServletRequestBuilder req = post("/portal/accounts/" + c.number() + "/requests/" + path).with(PortalFixture.as(c.login()));
        for (int i = 0; i < params.length; i += 2) {
            req.param(params[i], params[i + 1]);
        }
        return mvc.perform(req).andReturn();
    }

    private String page(String path) throws Exception {
        return mvc.perform(get("/portal/accounts/" + c.number() + "/requests/" + path).with(PortalFixture.as(c.login())))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void anArrangementIsMadeByTheCountersPolicyAndRefusedWithItsReasons() throws Exception {
        assertThat(page("arrangement")).contains("not available").contains("Nothing is past due");
        PortalFixture.charge(ledger, c.account(), "240.00", today.minusDays(50), today.minusDays(30));
        assertThat(page("arrangement")).contains("You may ask for an arrangement").contains("$240.00");
        MvcResult bad = send("arrangement", "months", "many");
        assertThat(bad.getResponse().getContentAsString()).contains("href=\"#months\"");
        MvcResult tooLong = send("arrangement", "months", "40");
        assertThat(tooLong.getResponse().getContentAsString()).contains("An arrangement runs 1 to");
        MvcResult ok = send("arrangement", "months", "3");
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/portal/accounts/" + c.number() + "/requests");
        assertThat((String) ok.getFlashMap().get("flash")).contains("$240.00 over 3 months");
        assertThat(jdbc.sql("select created_by from collections_arrangement where account_id = ?").params(c.account().accountId())
                .query(String.class).single()).isEqualTo(actor);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'arrangement-created'").params(actor)
                .query(Long.class).single()).isEqualTo(1);
        MvcResult again = send("arrangement", "months", "3");
        assertThat(again.getResponse().getContentAsString()).contains("An arrangement is already current");
        String account = mvc.perform(get("/portal/accounts/" + c.number()).with(PortalFixture.as(c.login())))
                .andReturn().getResponse().getContentAsString();
        assertThat(account).contains("id=\"alert-arrangement\"").contains("Payment arrangement: $240.00 over 3 months");
    }

    @Test
    void anExtensionMovesTheLatestBillsDueDateOnce() throws Exception {
        LocalDate due = jdbc.sql("select due_date from bill where id = ?").params(c.latestBill()).query(LocalDate.class).single();
        MvcResult tooFar = send("extension", "billId", Long.toString(c.latestBill()), "newDueDate", due.plusDays(60).toString());
        assertThat(tooFar.getResponse().getContentAsString()).contains("href=\"#newDueDate\"").contains("at most");
        MvcResult notListed = send("extension", "billId", "1", "newDueDate", due.plusDays(5).toString());
        assertThat(notListed.getResponse().getContentAsString()).contains("href=\"#billId\"");
        MvcResult ok = send("extension", "billId", Long.toString(c.latestBill()), "newDueDate", due.plusDays(5).toString());
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("select created_by from collections_extension where bill_id = ?").params(c.latestBill())
                .query(String.class).single()).isEqualTo(actor);
        MvcResult twice = send("extension", "billId", Long.toString(c.latestBill()), "newDueDate", due.plusDays(6).toString());
        assertThat(twice.getResponse().getContentAsString()).contains("already extended once");
    }

    @Test
    void stopServiceGoesThroughTheLifecycleAndChecksItsFields() throws Exception {
        long premise = jdbc.sql("select premise_id from service_agreement where account_id = ? limit 1")
                .params(c.account().accountId()).query(Long.class).single();
        MvcResult past = send("stop", "premiseId", Long.toString(premise), "stopDate", today.minusDays(3).toString(), "confirm", "on");
        assertThat(past.getResponse().getContentAsString()).contains("href=\"#stopDate\"");
        MvcResult unconfirmed = send("stop", "premiseId", Long.toString(premise), "stopDate", today.plusDays(10).toString());
        assertThat(unconfirmed.getResponse().getContentAsString()).contains("href=\"#confirm\"");
        MvcResult otherPremise = send("stop", "premiseId", "1", "stopDate", today.plusDays(10).toString(), "confirm", "on");
        assertThat(otherPremise.getResponse().getContentAsString()).contains("href=\"#premiseId\"");
        assertThat(jdbc.sql("select count(*) from service_agreement where account_id = ? and end_date is not null")
                .params(c.account().accountId()).query(Long.class).single()).isZero();
        MvcResult ok = send("stop", "premiseId", Long.toString(premise), "stopDate", today.plusDays(10).toString(), "confirm", "on");
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from service_agreement where account_id = ? and end_date = ? and final_bill_requested")
                .params(c.account().accountId(), today.plusDays(10)).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'service-stopped' and record_id = ?")
                .params(actor, c.number()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void startAndTransferOpenAServiceRequestForStaffBecauseDocumentsCannotBeCheckedOnline() throws Exception {
        assertThat(page("start")).contains("cannot do online").doesNotContain("name=\"premiseId\"");
        // one form for both: a transfer also asks where the customer moves from
        assertThat(page("transfer")).contains("name=\"premiseId\"").contains("/requests/transfer\"");
        MvcResult missing = send("start", "address", "", "startDate", "", "phone", "12");
        assertThat(missing.getResponse().getContentAsString()).contains("href=\"#address\"").contains("href=\"#startDate\"")
                .contains("href=\"#services\"").contains("href=\"#phone\"");
        MvcResult ok = send("start", "address", "200 S Center St, Mesa, AZ 85210", "startDate", today.plusDays(7).toString(),
                "services", "WATER", "services", "SOLID_WASTE", "phone", "(480) 555-0101");
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        assertThat((String) ok.getFlashMap().get("flash")).contains("A specialist will call you");
        var opened = jdbc.sql("select case_type, opened_by, description from customer_case where account_id = ? order by id desc limit 1")
                .params(c.account().accountId()).query().singleRow();
        assertThat(opened.get("case_type")).isEqualTo("SERVICE_REQUEST");
        assertThat(opened.get("opened_by")).isEqualTo(actor);
        assertThat((String) opened.get("description")).contains("200 S Center St").contains("WATER, SOLID_WASTE")
                .contains("occupancy documents");
        long premise = jdbc.sql("select premise_id from service_agreement where account_id = ? limit 1")
                .params(c.account().accountId()).query(Long.class).single();
        MvcResult transfer = send("transfer", "premiseId", Long.toString(premise), "address", "300 E Main St, Mesa, AZ 85203",
                "startDate", today.plusDays(7).toString(), "services", "WATER", "phone", "4805550102");
        assertThat(transfer.getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from customer_case where account_id = ? and case_type = 'SERVICE_REQUEST'")
                .params(c.account().accountId()).query(Long.class).single()).isEqualTo(2);
        // nothing was started or stopped without a specialist
        assertThat(jdbc.sql("select count(*) from service_agreement where account_id = ?").params(c.account().accountId())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void casesQuestionsComplaintsAndDisputes() throws Exception {
        MvcResult missing = send("case", "type", "BILLING_DISPUTE", "subject", "", "description", "");
        assertThat(missing.getResponse().getContentAsString()).contains("href=\"#subject\"").contains("href=\"#description\"")
                .contains("href=\"#disputedAmount\"");
        MvcResult es = mvc.perform(post("/portal/accounts/" + c.number() + "/requests/case").with(PortalFixture.inLanguage(jdbc, c.login(), "es"))
                .with(PortalFixture.as(c.login())).param("type", "X")).andReturn();
        assertThat(es.getResponse().getContentAsString()).contains("Elija de qué se trata");
        MvcResult ok = send("case", "type", "BILLING_DISPUTE", "subject", "Water bill too high", "description",
                "The November bill is double the usual.", "disputedAmount", "45.10");
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        var opened = jdbc.sql("select case_type, disputed_amount, opened_by from customer_case where account_id = ? order by id desc limit 1")
                .params(c.account().accountId()).query().singleRow();
        assertThat(opened.get("case_type")).isEqualTo("BILLING_DISPUTE");
        assertThat(opened.get("disputed_amount").toString()).isEqualTo("45.10");
        assertThat(opened.get("opened_by")).isEqualTo(actor);
    }

    // ---- the city's reasons and the refusals in the customer's language

    private MvcResult sendIn(String language, String path, String... params) throws Exception {
        MockHttpServletRequestBuilder req = post("/portal/accounts/" + c.number() + "/requests/" + path)
                .with(PortalFixture.inLanguage(jdbc, c.login(), language)).with(PortalFixture.as(c.login()));
        for (int i = 0; i < params.length; i += 2) {
            req.param(params[i], params[i + 1]);
        }
        return mvc.perform(req).andReturn();
    }

    private String pageIn(String language, String path) throws Exception {
        return mvc.perform(get("/portal/accounts/" + c.number() + "/requests/" + path)
                .with(PortalFixture.inLanguage(jdbc, c.login(), language)).with(PortalFixture.as(c.login())))
                .andReturn().getResponse().getContentAsString();
    }

    /** The page but its link to the other language (the only element marked lang=en on a Spanish page by design). */
    private static String withoutLanguageSwitch(String html) {
        return html.replaceAll("<a class=\"language-switch\"[^>]*>", "");
    }

    private static String reasonsList(String html) {
        int start = html.indexOf("<ul id=\"eligibility-reasons\">");
        assertThat(start).as("the reasons list").isNotNegative();
        return html.substring(start, html.indexOf("</ul>", start));
    }

    @Test
    void aSpanishCustomerReadsTheArrangementReasonsInSpanishAndAnEnglishOneReadsThemUnchanged() throws Exception {
        String es = reasonsList(pageIn("es", "arrangement"));
        assertThat(es).contains("<li>No hay saldo vencido: no hay nada que repartir en un plan de pagos.</li>")
                .contains("<li>No califica para un plan de pagos.</li>").doesNotContain("lang=").doesNotContain("Nothing");
        String en = reasonsList(pageIn("en", "arrangement"));
        assertThat(en).contains("<li>Nothing is past due: there is nothing to arrange.</li>")
                .contains("<li>Not eligible for a payment arrangement.</li>").doesNotContain("lang=");
        // asked anyway: refused in Spanish, with the months asked and the limit, and the reasons below
        String refused = withoutLanguageSwitch(sendIn("es", "arrangement", "months", "3").getResponse().getContentAsString());
        assertThat(refused).contains("No es posible hacer un plan de pagos de 3 meses en esta cuenta ahora. Un plan dura de 1 a 6 meses")
                .contains("No hay saldo vencido").doesNotContain("lang=\"en\"").doesNotContain("Nothing is past due");
        // past the limit: the policy's own finding in Spanish, with the months asked
        assertThat(withoutLanguageSwitch(sendIn("es", "arrangement", "months", "40").getResponse().getContentAsString()))
                .contains("Un plan de pagos dura de 1 a 6 meses; se pidieron 40.").doesNotContain("lang=\"en\"");
        PortalFixture.charge(ledger, c.account(), "240.00", today.minusDays(50), today.minusDays(30));
        assertThat(reasonsList(pageIn("es", "arrangement")))
                .contains("Califica: el saldo vencido de $240.00 puede repartirse en hasta 6 cuotas mensuales.");
        assertThat(reasonsList(pageIn("en", "arrangement")))
                .contains("Eligible: $240.00 past due may be spread over up to 6 monthly installments.");
        // the English refusal keeps the policy's own words
        String tooLong = sendIn("en", "arrangement", "months", "40").getResponse().getContentAsString();
        assertThat(tooLong).contains("An arrangement runs 1 to 6 months; 40 asked.").contains("Not eligible for a payment arrangement.");
        // the field's reasons share the one element its aria-describedby names
        assertThat(tooLong.split("id=\"months-error\"", -1)).hasSize(2);
    }

    @Test
    void anExtensionPastTheLimitIsRefusedInSpanishWithTheLimit() throws Exception {
        LocalDate due = jdbc.sql("select due_date from bill where id = ?").params(c.latestBill()).query(LocalDate.class).single();
        int maxDays = collections.extensionMaxDays();
        PortalFormat es = new PortalFormat(java.util.Locale.forLanguageTag("es"));
        String refused = withoutLanguageSwitch(sendIn("es", "extension", "billId", Long.toString(c.latestBill()), "newDueDate",
                due.plusDays(60).toString()).getResponse().getContentAsString());
        assertThat(refused).contains("href=\"#newDueDate\"")
                .contains("No podemos cambiar la fecha de vencimiento al " + es.date(due.plusDays(60)) + ".")
                .contains("a más tardar el " + es.date(due.plusDays(maxDays)) + " (" + maxDays + " días como máximo)")
                // and the policy's own finding, in Spanish too
                .contains("Una extensión cambia la fecha de vencimiento " + maxDays + " días como máximo; el "
                        + es.date(due.plusDays(60)) + " está 60 días después del " + es.date(due))
                .doesNotContain("lang=\"en\"").doesNotContain("at most");
        assertThat(jdbc.sql("select count(*) from collections_extension where bill_id = ?").params(c.latestBill())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aStopRefusedByTheLifecycleIsSaidInSpanishWithTheDates() throws Exception {
        long premise = jdbc.sql("select premise_id from service_agreement where account_id = ? limit 1")
                .params(c.account().accountId()).query(Long.class).single();
        // service at the address starts in a month: a stop before then is refused by the customer module
        LocalDate starts = today.plusDays(30);
        jdbc.sql("update service_agreement set start_date = ? where account_id = ? and premise_id = ?")
                .params(starts, c.account().accountId(), premise).update();
        PortalFormat es = new PortalFormat(java.util.Locale.forLanguageTag("es"));
        String refused = withoutLanguageSwitch(sendIn("es", "stop", "premiseId", Long.toString(premise), "stopDate",
                today.plusDays(10).toString(), "confirm", "on").getResponse().getContentAsString());
        String sentence = "La fecha de suspensión, el " + es.date(today.plusDays(10)) + ", es anterior al inicio del servicio "
                + "en esa dirección: elija el " + es.date(starts) + " o una fecha posterior.";
        assertThat(refused).contains("href=\"#stopDate\"").contains(sentence).doesNotContain("lang=\"en\"");
        // two services, one sentence
        assertThat(refused.split(java.util.regex.Pattern.quote(sentence), -1)).hasSize(3); // summary and field
        String english = sendIn("en", "stop", "premiseId", Long.toString(premise), "stopDate", today.plusDays(10).toString(),
                "confirm", "on").getResponse().getContentAsString();
        assertThat(english).contains("The stop date " + today.plusDays(10) + " is before the service started on " + starts);
        assertThat(jdbc.sql("select count(*) from service_agreement where account_id = ? and end_date is not null")
                .params(c.account().accountId()).query(Long.class).single()).isZero();
    }
}
