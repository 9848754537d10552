package org.civicdesk.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.Tariffs;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Adding versions (API and form) with their refusals, the book's renewal, and the calculator. */
@CivicDeskTest
class TariffAdministrationTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Tariffs tariffs;

    /** A water-like schedule of its own (the demo book's schedules stay as seeded for the other tests). */
    private String testSchedule() {
        String code = "T" + Long.toString(System.nanoTime(), 36).toUpperCase();
        jdbc.sql("""
                insert into billing_rate_schedule (code, description, service_type, customer_class, fund, consumption_unit)
                values (:c, 'Test water', 'WATER', 'RESIDENTIAL', 'WATER', 'kgal')
                """).param("c", code).update();
        long v = jdbc.sql("""
                insert into billing_rate_version (schedule_code, version_no, effective_from, note, created_at, created_by)
                values (:c, 1, '2026-01-01', 'test', now(), 'test') returning id
                """).param("c", code).query(Long.class).single();
        jdbc.sql("""
                insert into billing_rate_charge (version_id, line_no, part, kind, description, unit, price, tier_from, tier_to, taxable, account)
                values (:v, 1, 'SERVICE_CHARGE', 'FIXED', 'Service charge', 'month', 20.00, null, null, true, '4010'),
                       (:v, 2, 'WATER_1', 'TIER', 'Water', 'kgal', 4.00, 0, 10, true, '4010'),
                       (:v, 3, 'WATER_2', 'TIER', 'Water over 10', 'kgal', 6.00, 10, null, true, '4010')
                """).param("v", v).update();
        jdbc.sql("update billing_tariff_revision set revision = revision + 1 where id = 1").update();
        // written behind the book's back: do not wait for the next revision check (at most once a second)
        ((org.civicdesk.billing.internal.tariff.CachedTariffs) tariffs).renew();
        return code;
    }

    private static String versionJson(String from, String price2, String from2) {
        return """
                {"effectiveFrom": "%s", "note": "Council resolution 2026-14",
                 "charges": [
                  {"part": "SERVICE_CHARGE", "kind": "FIXED", "description": "Service charge", "season": "ALL", "unit": "month",
                   "price": 21.00, "taxable": true, "account": "4010"},
                  {"part": "WATER_1", "kind": "TIER", "description": "Water", "unit": "kgal", "price": 4.50,
                   "tierFrom": 0, "tierTo": 10, "taxable": true, "account": "4010"},
                  {"part": "WATER_2", "kind": "TIER", "description": "Water over 10", "unit": "kgal", "price": %s,
                   "tierFrom": %s, "taxable": true, "account": "4010"}]}
                """.formatted(from, price2, from2);
    }

    @Test
    void aNewVersionAppliesFromItsDateSplitsAPeriodAndIsAudited() throws Exception {
        String code = testSchedule();
        mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-08-01", "6.50", "10")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.number").value(2))
                .andExpect(jsonPath("$.charges.length()").value(3));

        // renewed at once on this instance: a period across 2026-08-01 is split 15/15
        var rated = tariffs.book().rate(new RatingRequest(code, LocalDate.of(2026, 7, 16), LocalDate.of(2026, 8, 15),
                new BigDecimal("12"), null, null, Map.of()));
        assertThat(rated.lines()).extracting(l -> l.version()).contains(code + " v1 from 2026-01-01", code + " v2 from 2026-08-01");
        // each half: 6 kgal, boundary 10 -> 5; v1 10.00 + 5 x 4.00 + 1 x 6.00, v2 10.50 + 5 x 4.50 + 1 x 6.50
        assertThat(rated.charges()).isEqualTo(Money.of("10.00").plus(Money.of("20.00")).plus(Money.of("6.00"))
                .plus(Money.of("10.50")).plus(Money.of("22.50")).plus(Money.of("6.50")));
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'billing_rate_version' and record_id = "
                + "(select id::text from billing_rate_version where schedule_code = :c and version_no = 2)")
                .param("c", code).query(Long.class).single()).isEqualTo(1L);
        mvc.perform(get("/api/v1/tariffs/{code}", code).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.versions.length()").value(2));
    }

    @Test
    void blocksOutOfOrderOrOverlappingAreRefusedNamingTheLine() throws Exception {
        String code = testSchedule();
        mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-08-01", "6.50", "8")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("charges[2].tierFrom"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("out of order or overlap")));
        assertThat(versions(code)).isEqualTo(1);
    }

    @Test
    void aNegativePriceIsRefused() throws Exception {
        String code = testSchedule();
        mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-08-01", "-1.00", "10")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("charges[2].price"));
    }

    @Test
    void aBackdatedOrOverlappingVersionIsRefused() throws Exception {
        String code = testSchedule();
        for (String from : new String[] {"2026-01-01", "2025-12-01"}) {
            mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                            .contentType(MediaType.APPLICATION_JSON).content(versionJson(from, "6.50", "10")))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"))
                    .andExpect(jsonPath("$.errors[0].reason").value(containsString("after the latest")));
        }
    }

    @Test
    void aVersionThatWouldChangeAnIssuedBillIsRefusedUnlessTheBillWasCancelled() throws Exception {
        String code = testSchedule();
        long billId = issuedBill(code, LocalDate.of(2026, 4, 10), LocalDate.of(2026, 5, 10));
        mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-05-10", "6.50", "10")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("Issued bills of " + code
                        + " cover periods up to 2026-05-10")));
        // the day after the last issued period is fine
        mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-05-11", "6.50", "10")))
                .andExpect(status().isCreated());
        // a cancelled bill no longer holds a later version back
        String other = testSchedule();
        long cancelled = issuedBill(other, LocalDate.of(2026, 4, 10), LocalDate.of(2026, 5, 10));
        jdbc.sql("""
                insert into bill_cancellation (bill_id, reversal_entry_id, reason, cancelled_at, cancelled_by)
                values (:b, 0, 'test', now(), 'test')
                """).param("b", cancelled).update();
        mvc.perform(post("/api/v1/tariffs/{code}/versions", other).with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-05-01", "6.50", "10")))
                .andExpect(status().isCreated());
        assertThat(billId).isPositive();
    }

    @Test
    void onlyTariffEditorsAddVersions() throws Exception {
        String code = testSchedule();
        mvc.perform(post("/api/v1/tariffs/{code}/versions", code).with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(versionJson("2026-08-01", "6.50", "10")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/tariffs/{code}/versions/new", code).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isForbidden());
        assertThat(versions(code)).isEqualTo(1);
    }

    @Test
    void theVersionFormShowsRefusalsByFieldAndAddsAValidVersion() throws Exception {
        String code = testSchedule();
        mvc.perform(get("/tariffs/{code}/versions/new", code).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"WATER_2\"")));
        mvc.perform(post("/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo")).with(csrf())
                        .param("effectiveFrom", "2026-01-01").param("note", "x")
                        .param("charges[0].part", "SERVICE_CHARGE").param("charges[0].kind", "FIXED")
                        .param("charges[0].description", "Service").param("charges[0].unit", "month")
                        .param("charges[0].price", "-2").param("charges[0].account", "4010")
                        .param("charges[1].part", "WATER_1").param("charges[1].kind", "TIER")
                        .param("charges[1].description", "Water").param("charges[1].unit", "kgal")
                        .param("charges[1].price", "abc").param("charges[1].tierFrom", "0")
                        .param("charges[1].account", "4010"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("id=\"charges[1].price-error\"")))
                .andExpect(content().string(containsString("Line 2 price: give a number")));
        mvc.perform(post("/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo")).with(csrf())
                        .param("effectiveFrom", "2026-01-01").param("note", "x")
                        .param("charges[0].part", "SERVICE_CHARGE").param("charges[0].kind", "FIXED")
                        .param("charges[0].description", "Service").param("charges[0].unit", "month")
                        .param("charges[0].price", "-2").param("charges[0].account", "4010"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("id=\"charges[0].price-error\"")))
                .andExpect(content().string(containsString("id=\"effectiveFrom-error\"")));
        mvc.perform(post("/tariffs/{code}/versions", code).with(httpBasic("supervisor", "civicdesk-demo")).with(csrf())
                        .param("effectiveFrom", "2026-09-01").param("note", "Resolution 9")
                        .param("charges[0].part", "SERVICE_CHARGE").param("charges[0].kind", "FIXED")
                        .param("charges[0].description", "Service").param("charges[0].unit", "month")
                        .param("charges[0].price", "22.00").param("charges[0].taxable", "true")
                        .param("charges[0].account", "4010")
                        .param("charges[1].part", "").param("charges[1].kind", "").param("charges[1].price", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/tariffs/" + code));
        mvc.perform(get("/tariffs/{code}", code).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(code + " v2 from 2026-09-01")));
        mvc.perform(get("/tariffs").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("EECAF")));
    }

    @Test
    void theCalculatorApiRatesTheWorkedExample() throws Exception {
        mvc.perform(post("/api/v1/tariffs/rate").with(httpBasic("cashier", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"rateSchedule": "W1.1", "previousReadDate": "2026-02-08", "readDate": "2026-03-10",
                                 "consumption": 12}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines.length()").value(3))
                .andExpect(jsonPath("$.lines[1].amount").value(30.45))
                .andExpect(jsonPath("$.lines[1].version").value("W1.1 v1 from 2025-01-01"))
                .andExpect(jsonPath("$.charges").value(66.85))
                .andExpect(jsonPath("$.tax").value(5.55))
                .andExpect(jsonPath("$.total").value(72.40))
                .andExpect(jsonPath("$.taxes[0].jurisdiction").value("STATE"));
        mvc.perform(post("/api/v1/tariffs/rate").with(httpBasic("cashier", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"rateSchedule": "W3.1", "previousReadDate": "2026-02-08", "readDate": "2026-03-10",
                                 "consumption": 12}
                                """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("options.METER_SIZE"));
        mvc.perform(post("/api/v1/tariffs/rate").with(httpBasic("cashier", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"rateSchedule": "HYD", "previousReadDate": "2026-02-08", "readDate": "2026-03-10",
                                 "consumption": 20, "firstBill": true}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[0].part").value("DEPOSIT"))
                .andExpect(jsonPath("$.lines[0].account").value("2100"));
        mvc.perform(get("/api/v1/tariffs").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.code == 'E1.1')].fund").value("ELECTRIC"));
    }

    @Test
    void theCalculatorPageShowsEveryLineAndHtmxGetsTheResultOnly() throws Exception {
        var request = get("/tariffs/calculator").with(httpBasic("csr", "civicdesk-demo"))
                .param("rateSchedule", "E1.1").param("previousReadDate", "2026-06-15").param("readDate", "2026-07-15")
                .param("consumption", "900");
        mvc.perform(request).andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>What would this cost?</h1>")))
                .andExpect(content().string(containsString("EECAF from 2026-07-01")))
                .andExpect(content().string(containsString("$143.26")));
        mvc.perform(request.header("HX-Request", "true")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<h1>"))))
                .andExpect(content().string(containsString("2026-07-01 to 2026-07-15")));
        mvc.perform(get("/tariffs/calculator").with(httpBasic("csr", "civicdesk-demo"))
                        .param("rateSchedule", "W3.1").param("previousReadDate", "2026-02-08")
                        .param("readDate", "2026-03-10").param("consumption", "5"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is priced by METER_SIZE")));
    }

    private int versions(String code) {
        return jdbc.sql("select count(*) from billing_rate_version where schedule_code = :c").param("c", code)
                .query(Integer.class).single();
    }

    /** An issued bill with one service of the schedule (rows written directly: the bill run is another helper's). */
    private long issuedBill(String schedule, LocalDate from, LocalDate to) {
        String n = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        long customer = jdbc.sql("""
                insert into customer (kind, display_name, business_name, created_at, created_by)
                values ('BUSINESS', 'Tariff test ' || :n, 'Tariff test ' || :n, now(), 'test') returning id
                """).param("n", n).query(Long.class).single();
        long premise = jdbc.sql("""
                insert into premise (address_line1, city, zip, premise_type, billing_cycle, route, services_available, created_at)
                values (:n || ' W Tariff St', 'Mesa', '85201', 'COMMERCIAL', 1, 'R1', array['WATER'], now()) returning id
                """).param("n", n).query(Long.class).single();
        long account = jdbc.sql("""
                insert into account (account_number, customer_id, mailing_line1, mailing_city, mailing_state, mailing_zip,
                                     opened_on, created_at, created_by)
                values (:n, :c, '1 Main', 'Mesa', 'AZ', '85201', '2026-01-01', now(), 'test') returning id
                """).param("n", n).param("c", customer).query(Long.class).single();
        long agreement = jdbc.sql("""
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                                               created_at, created_by)
                values (:a, :p, 'WATER', :s, '2026-01-01', 'ACTIVE', now(), 'test') returning id
                """).param("a", account).param("p", premise).param("s", schedule).query(Long.class).single();
        long bill = jdbc.sql("""
                insert into bill (account_id, account_number, bill_date, due_date, period_from, period_to, language,
                                  previous_balance, payments, adjustments, new_charges, tax, total_due, any_estimated,
                                  idempotency_key, created_at, created_by)
                values (:a, :n, :to, :to, :from, :to, 'en', 0, 0, 0, 10, 0, 10, false, 'tariff-test-' || :n, now(), 'test')
                returning id
                """).param("a", account).param("n", n).param("from", from).param("to", to).query(Long.class).single();
        jdbc.sql("""
                insert into bill_service (bill_id, agreement_id, service_type, rate_schedule, fund, period_from, period_to,
                                          days, charges, tax, total)
                values (:b, :g, 'WATER', :s, 'WATER', :from, :to, 30, 10, 0, 10)
                """).param("b", bill).param("g", agreement).param("s", schedule).param("from", from).param("to", to)
                .update();
        return bill;
    }
}
