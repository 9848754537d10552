package org.civicdesk.cashiering.internal.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.payments.PaymentBook;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** POST /api/v1/payments and its Idempotency-Key: 201 new, 200 replay with the same body, 422 other body, 409 in flight. */
@CivicDeskTest
class PaymentsApiTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired java.time.Clock clock;
    @Autowired org.civicdesk.cashiering.internal.cards.TestCardProcessor cards;

    private static String body(String account, String amount) {
        return """
                {"source": "REMITTANCE_DESK", "payerName": "Rosa",
                 "tenders": [{"type": "CHECK", "amount": %s, "checkNumber": "3301"}],
                 "allocations": [{"receivableType": "utility-account", "reference": "%s", "amount": %s}]}
                """.formatted(amount, account, amount);
    }

    @Test
    void theIdempotencyKeyReplaysRefusesOtherContentAndReportsARequestInFlight() throws Exception {
        CashieringFixture.TestAccount a = CashieringFixture.account(jdbc, "en", "ACTIVE");
        String key = "api-" + System.nanoTime();
        String first = mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo"))
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "42.10")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount").value(42.10))
                .andExpect(jsonPath("$.allocations[0].kind").value("UNAPPLIED_CREDIT"))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo"))
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "42.10")))
                .andExpect(status().isOk())
                .andExpect(content().json(first));
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo"))
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "43.10")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("payment.idempotency-key-reused"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from cashiering_payment where idempotency_key = ?")
                .param(key).query(Long.class).single()).isOne();

        // a request with this key and body still running: 409
        String busy = "api-busy-" + System.nanoTime();
        NewPayment same = new NewPayment(busy, TenderSource.REMITTANCE_DESK, null, null,
                List.of(new NewPayment.Tender(TenderType.CHECK, Money.of("42.10"), "3301", null, null, null)),
                List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", a.accountNumber()), Money.of("42.10"))),
                "Rosa", null);
        jdbc.sql("""
                insert into cashiering_api_idempotency (idempotency_key, request_hash, username, status, created_at)
                values (?, ?, 'cashier', 'IN_FLIGHT', ?)""").params(busy, PaymentBook.contentHash(same),
                java.sql.Timestamp.from(Instant.now())).update();
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo"))
                        .header("Idempotency-Key", busy).contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "42.10")))
                .andExpect(status().isConflict());
    }

    @Test
    void aSecondRequestWithTheKeyWhileTheFirstStillPostsGets409AndLaterItsReplay() throws Exception {
        CashieringFixture.TestAccount a = CashieringFixture.account(jdbc, "en", "ACTIVE");
        String cashier = "api-inflight-" + System.nanoTime();
        long drawer = jdbc.sql("""
                insert into cashiering_drawer (source, cashier, business_date, opening_float, status, opened_at, opened_by)
                values ('DRAWER', ?, ?, 200.00, 'OPEN', now(), ?) returning id""")
                .params(cashier, java.time.LocalDate.now(clock), cashier).query(Long.class).single();
        String key = "api-inflight-" + System.nanoTime();
        String cash = """
                {"source": "DRAWER", "tenderControlId": %d,
                 "tenders": [{"type": "CASH", "amount": 20.00}],
                 "allocations": [{"receivableType": "utility-account", "reference": "%s", "amount": 20.00}]}
                """.formatted(drawer, a.accountNumber());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection closing = dataSource.getConnection()) {
            // a drawer close in progress holds the drawer row: the first payment waits for it inside its transaction
            closing.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = closing.prepareStatement("select id from cashiering_drawer where id = ? for update")) {
                lock.setLong(1, drawer);
                lock.executeQuery().close();
            }
            java.util.concurrent.Future<org.springframework.mock.web.MockHttpServletResponse> first = pool.submit(() ->
                    mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON).content(cash)).andReturn().getResponse());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (jdbc.sql("""
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%cashiering_drawer%for share%'""")
                    .query(Long.class).single() == 0) {
                org.assertj.core.api.Assertions.assertThat(System.nanoTime()).as("the first payment waits for the drawer").isLessThan(deadline);
                Thread.sleep(20);
            }
            // answered at once, not after the first: a wait here would time out and fail the test
            org.springframework.mock.web.MockHttpServletResponse second = pool.submit(() ->
                    mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON).content(cash)).andReturn().getResponse())
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThat(second.getStatus()).isEqualTo(409);
            org.assertj.core.api.Assertions.assertThat(second.getContentAsString()).contains("payment.request-in-flight");
            closing.rollback();
            org.springframework.mock.web.MockHttpServletResponse posted = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThat(posted.getStatus()).isEqualTo(201);
            mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON).content(cash))
                    .andExpect(status().isOk())
                    .andExpect(content().json(posted.getContentAsString()));
        } finally {
            pool.shutdownNow();
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from cashiering_payment where idempotency_key = ?")
                .param(key).query(Long.class).single()).isOne();
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select status from cashiering_api_idempotency where idempotency_key = ?")
                .param(key).query(String.class).single()).isEqualTo("DONE");
    }

    @Test
    void aCardPaymentClaimsItsKeyBeforeTheProcessorAndReplaysLikeAnyOther() throws Exception {
        CashieringFixture.TestAccount a = CashieringFixture.account(jdbc, "en", "ACTIVE");
        String token = cards.testToken("4111111111111111").token();
        String key = "api-card-" + System.nanoTime();
        String card = """
                {"source": "REMITTANCE_DESK",
                 "tenders": [{"type": "CREDIT_CARD", "amount": %s, "cardToken": "%s", "cardBrand": "VISA", "cardLast4": "1111"}],
                 "allocations": [{"receivableType": "utility-account", "reference": "%s", "amount": %s}]}""";
        String first = mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(card.formatted("31.00", token, a.accountNumber(), "31.00")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tenders[0].cardLast4").value("1111"))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(card.formatted("31.00", token, a.accountNumber(), "31.00")))
                .andExpect(status().isOk())
                .andExpect(content().json(first));
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(card.formatted("32.00", token, a.accountNumber(), "32.00")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("payment.idempotency-key-reused"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select status from cashiering_api_idempotency where idempotency_key = ?")
                .param(key).query(String.class).single()).isEqualTo("DONE");
    }

    @Test
    void aPaymentWithoutTheHeaderOrWithBadAmountsIsRefusedNamingTheField() throws Exception {
        CashieringFixture.TestAccount a = CashieringFixture.account(jdbc, "en", "ACTIVE");
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "5.00")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        String key = "api-bad-" + System.nanoTime();
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "-5.00")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("tenders[0].amount"));
        // the refused request released its key
        mvc.perform(post("/api/v1/payments").with(httpBasic("cashier", "civicdesk-demo")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "5.00")))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/payments/999999999").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/payments").with(httpBasic("csr", "civicdesk-demo")).header("Idempotency-Key", key + "x")
                        .contentType(MediaType.APPLICATION_JSON).content(body(a.accountNumber(), "5.00")))
                .andExpect(status().isForbidden());
    }
}
