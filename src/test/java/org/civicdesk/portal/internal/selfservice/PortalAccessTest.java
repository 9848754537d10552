package org.civicdesk.portal.internal.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.cashiering.OnlinePayments;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * No customer reaches another's data. Every /portal route of the application (read from the handler mapping, so
 * that a route added later is covered without editing this test) is called by customer A with customer B's
 * account number, and with A's account but B's bill and payment ids, by every method it answers, with form fields
 * that would otherwise be accepted. Each must answer not found without a trace of B, and change nothing of B's.
 */
@CivicDeskTest
class PortalAccessTest {

    /** Portal routes that name no account (the card processor's hosted step returns only to a portal page). */
    static final Set<String> ROUTES_WITHOUT_ACCOUNT = Set.of("/portal/test-card-processor/hosted");

    /** Every other portal route of this test names the account first. */
    static final Pattern ACCOUNT_ROUTE = Pattern.compile("/portal/accounts/\\{number}.*");

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired WebApplicationContext context;
    @Autowired OnlinePayments online;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A route and method to try. */
    record Route(String pattern, RequestMethod method) {
    }

    List<Route> portalRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getName().startsWith("org.civicdesk.")) {
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/portal/accounts/") && !ROUTES_WITHOUT_ACCOUNT.contains(pattern)) {
                    continue;
                }
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    routes.add(new Route(pattern, m));
                }
            }
        }
        return routes;
    }

    /** Expands {kind:a|b} into each alternative and fills the ids. */
    static List<String> paths(String pattern, String number, String billId, String paymentId) {
        List<String> out = new ArrayList<>();
        Matcher alt = Pattern.compile("\\{(\\w+):([\\w|]+)}").matcher(pattern);
        if (alt.find()) {
            for (String choice : alt.group(2).split("\\|")) {
                out.addAll(paths(pattern.substring(0, alt.start()) + choice + pattern.substring(alt.end()), number, billId, paymentId));
            }
            return out;
        }
        String path = pattern.replace("{number}", number).replace("{billId}", billId).replace("{paymentId}", paymentId);
        assertThat(path).as("every variable of " + pattern + " is known to this test").doesNotContain("{");
        out.add(path);
        return out;
    }

    /** Form fields that would make each portal form do something. */
    static Map<String, String> wouldBeAccepted(PortalFixture.Customer owner, long premiseId, LocalDate today) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("amount", "10.00");
        f.put("submissionId", UUID.randomUUID().toString());
        f.put("cardToken", "tok_test_abcdefghijklmnopqrstuvwx");
        f.put("cardBrand", "VISA");
        f.put("cardLast4", "4242");
        f.put("holderName", "Someone");
        f.put("routingNumber", "122105278");
        f.put("bankAccountNumber", "12345678");
        f.put("accountType", "CHECKING");
        f.put("authorise", "on");
        f.put("months", "2");
        f.put("billId", Long.toString(owner.latestBill()));
        f.put("newDueDate", today.plusDays(20).toString());
        f.put("premiseId", Long.toString(premiseId));
        f.put("stopDate", today.plusDays(5).toString());
        f.put("startDate", today.plusDays(5).toString());
        f.put("confirm", "on");
        f.put("address", "100 N Center St, Mesa, AZ 85201");
        f.put("services", "WATER");
        f.put("phone", "4805551234");
        f.put("type", "INQUIRY");
        f.put("subject", "Question");
        f.put("description", "A question");
        return f;
    }

    @Test
    void noPortalRouteShowsOrChangesAnotherCustomersRecords() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        LocalDate today = LocalDate.now(clock);
        PortalFixture.Customer a = PortalFixture.customer(jdbc, ledger, "en", today);
        PortalFixture.Customer b = PortalFixture.customer(jdbc, ledger, "en", today);
        PortalFixture.charge(ledger, b.account(), "300.00", today.minusDays(60), today.minusDays(40));
        long bPayment = AuditActor.runAs("test", () -> online.payByBank(new OnlinePayments.BankPayment(b.number(),
                Money.of("5.00"), "122105278", "99990000", "CHECKING", "B Holder", UUID.randomUUID().toString()))).paymentId();
        long bPremise = jdbc.sql("select premise_id from service_agreement where account_id = ? limit 1")
                .params(b.account().accountId()).query(Long.class).single();
        String bStreet = b.account().serviceAddress().replaceAll(",.*", "");
        Map<String, Object> bBefore = state(b);

        List<Route> routes = portalRoutes();
        assertThat(routes).extracting(Route::pattern).contains("/portal/accounts/{number}", "/portal/accounts/{number}/pay/card/confirm",
                "/portal/accounts/{number}/bills/{billId}.pdf", "/portal/accounts/{number}/payments/{paymentId}");
        List<String> leaks = new ArrayList<>();
        int tried = 0;
        for (Route route : routes) {
            if (ROUTES_WITHOUT_ACCOUNT.contains(route.pattern())) {
                continue;
            }
            assertThat(route.pattern()).as("a portal account route names the account").matches(ACCOUNT_ROUTE);
            List<String> targets = new ArrayList<>(paths(route.pattern(), b.number(), Long.toString(b.latestBill()), Long.toString(bPayment)));
            if (route.pattern().contains("{billId}") || route.pattern().contains("{paymentId}")) {
                targets.addAll(paths(route.pattern(), a.number(), Long.toString(b.latestBill()), Long.toString(bPayment)));
            }
            for (String path : targets) {
                MockHttpServletRequestBuilder req = request(HttpMethod.valueOf(route.method().name()), path)
                        .with(PortalFixture.as(a.login()));
                wouldBeAccepted(b, bPremise, today).forEach(req::param);
                MvcResult r = mvc.perform(req).andReturn();
                tried++;
                String body = r.getResponse().getContentAsString();
                if (r.getResponse().getStatus() != 404) {
                    leaks.add(route.method() + " " + path + " answered " + r.getResponse().getStatus());
                } else if (body.contains(b.number()) || body.contains(b.account().customerName()) || body.contains(bStreet)) {
                    leaks.add(route.method() + " " + path + " mentions customer B");
                }
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(tried).isGreaterThan(25);
        assertThat(state(b)).isEqualTo(bBefore);
    }

    /** What could change of B's: payments, cases, arrangements, extensions, autopay, services. */
    private Map<String, Object> state(PortalFixture.Customer b) {
        return jdbc.sql("""
                select (select count(*) from cashiering_payment_allocation where target_reference = :n) as payments,
                       (select count(*) from customer_case where account_id = :a) as cases,
                       (select count(*) from collections_arrangement where account_id = :a) as arrangements,
                       (select count(*) from collections_extension where account_id = :a) as extensions,
                       (select count(*) from autopay_enrolment where account_number = :n) as autopay,
                       (select count(*) from service_agreement where account_id = :a and end_date is null) as open_services
                """).param("n", b.number()).param("a", b.account().accountId()).query().singleRow();
    }
}
