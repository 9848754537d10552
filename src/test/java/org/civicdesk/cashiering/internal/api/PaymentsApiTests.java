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
