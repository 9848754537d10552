package org.civicdesk.billing.adjust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Billing adjustments: at once under the limit, through a second person above it; balanced, idempotent, permitted. */
@CivicDeskTest
class BillingAdjustmentTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    private TestBills.TestAccount account;
    private long billId;

    private void anAccountWithABill() {
        account = TestBills.account(jdbc, "en");
        billId = TestBills.bill(jdbc, account, new TestBills.Period(LocalDate.of(2026, 9, 10), LocalDate.of(2026, 10, 10), 12,
                new BigDecimal("6.50"), false), "en", Money.ZERO, Money.ZERO, null);
    }

    private long adjustments(String key) {
        return jdbc.sql("select count(*) from billing_adjustment where request_key = ?").param(key).query(Long.class).single();
    }

    private long entries(String key) {
        return jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key = ?")
                .param("billing-adjustment:" + key).query(Long.class).single();
    }

    /** Debits and credits of the adjustment's entry, and the change of the account's receivable in the fund. */
    private Map<String, Object> entryTotals(String key) {
        return jdbc.sql("""
                select sum(l.debit) as debits, sum(l.credit) as credits,
                       sum(case when l.receivable_id is not null then l.debit - l.credit else 0 end) as receivable,
                       max(case when l.receivable_id is null then a.code end) as revenue
                  from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id
                  join ledger_account a on a.id = l.account_id
                 where e.idempotency_key = ?""").param("billing-adjustment:" + key).query().singleRow();
    }

    @Test
    void aCreditUnderTheLimitPostsAtOnceBalancedAndOnlyOnce() throws Exception {
        anAccountWithABill();
        String key = "adj-small-" + System.nanoTime();
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(post("/accounts/" + account.accountNumber() + "/adjustments").with(httpBasic("senior", "civicdesk-demo"))
                            .param("requestKey", key).param("billId", Long.toString(billId)).param("serviceType", "WATER")
                            .param("amount", "-25.40").param("reasonCode", "LEAK_ADJUSTMENT").param("note", "Leak fixed 10/02, receipt seen"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("flash", Matchers.containsString("-$25.40 posted")));
        }
        assertThat(adjustments(key)).isEqualTo(1);
        assertThat(entries(key)).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("select * from billing_adjustment where request_key = ?").param(key).query().singleRow();
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("-25.40");
        assertThat(row).containsEntry("fund", "WATER").containsEntry("revenue_account", "4010")
                .containsEntry("requested_by", "senior").containsEntry("reason_code", "LEAK_ADJUSTMENT");
        assertThat(row.get("approved_by")).isNull();
        assertThat(((Number) row.get("bill_id")).longValue()).isEqualTo(billId);

        Map<String, Object> totals = entryTotals(key);
        assertThat((BigDecimal) totals.get("debits")).isEqualByComparingTo("25.40");
        assertThat((BigDecimal) totals.get("credits")).isEqualByComparingTo("25.40");
        assertThat((BigDecimal) totals.get("receivable")).isEqualByComparingTo("-25.40");
        assertThat(totals.get("revenue")).isEqualTo("4010");

        // the account's history names it, and the rows refuse to change
        assertThat(jdbc.sql("select count(*) from audit_event where record_id = ? and action = 'billing-adjustment-posted'")
                .param(account.accountNumber()).query(Long.class).single()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update billing_adjustment set note = 'x' where request_key = ?")
                .param(key).update()).hasMessageContaining("never changed");
    }

    @Test
    void aboveTheLimitItWaitsForASecondPersonAndTheRequesterCannotApprove() throws Exception {
        anAccountWithABill();
        String key = "adj-large-" + System.nanoTime();
        String body = """
                {"accountNumber": "%s", "billId": %d, "serviceType": "WASTEWATER", "amount": -150.00,
                 "reasonCode": "BILLING_ERROR", "note": "Billed at the commercial rate by mistake"}""".formatted(account.accountNumber(), billId);
        String answer = mvc.perform(post("/api/v1/adjustments").with(httpBasic("senior", "civicdesk-demo"))
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("AWAITING_APPROVAL"))
                .andReturn().getResponse().getContentAsString();
        long requestId = Long.parseLong(answer.replaceAll(".*\"approvalRequestId\":(\\d+).*", "$1"));
        assertThat(adjustments(key)).isZero();
        assertThat(entries(key)).isZero();

        // the requester (senior) and a csr hold no approving permission
        for (String user : new String[] {"senior", "csr"}) {
            int refused = mvc.perform(post("/approvals/" + requestId + "/approve").with(httpBasic(user, "civicdesk-demo")))
                    .andReturn().getResponse().getStatus();
            assertThat(refused).as(user + " is refused").isNotEqualTo(200);
            assertThat(jdbc.sql("select status from approval_request where id = ?").param(requestId).query(String.class).single())
                    .isEqualTo("PENDING");
        }
        assertThat(entries(key)).isZero();

        mvc.perform(post("/approvals/" + requestId + "/approve").with(httpBasic("supervisor", "civicdesk-demo")).param("note", "checked"))
                .andExpect(flash().attribute("flash", Matchers.startsWith("Approved and done")));
        assertThat(adjustments(key)).isEqualTo(1);
        assertThat(entries(key)).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("select * from billing_adjustment where request_key = ?").param(key).query().singleRow();
        assertThat(row).containsEntry("requested_by", "senior").containsEntry("approved_by", "supervisor")
                .containsEntry("fund", "WASTEWATER");
        assertThat(((Number) row.get("approval_request_id")).longValue()).isEqualTo(requestId);
        Map<String, Object> totals = entryTotals(key);
        assertThat((BigDecimal) totals.get("debits")).isEqualByComparingTo("150.00");
        assertThat((BigDecimal) totals.get("credits")).isEqualByComparingTo("150.00");
        assertThat((BigDecimal) totals.get("receivable")).isEqualByComparingTo("-150.00");

        // a debit over the limit (absolute value) too; the supervisor who asks may not approve it himself
        String feeKey = "adj-fee-" + System.nanoTime();
        String fee = """
                {"requestKey": "%s", "accountNumber": "%s", "serviceType": "FEE", "fund": "WATER", "amount": 120.00,
                 "reasonCode": "OTHER", "note": "Meter tampering fee"}""".formatted(feeKey, account.accountNumber());
        String feeAnswer = mvc.perform(post("/api/v1/adjustments").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(fee))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long feeRequest = Long.parseLong(feeAnswer.replaceAll(".*\"approvalRequestId\":(\\d+).*", "$1"));
        mvc.perform(post("/approvals/" + feeRequest + "/approve").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(flash().attribute("flash", Matchers.containsString("another person must decide")));
        assertThat(adjustments(feeKey)).isZero();
        assertThat(entries(feeKey)).isZero();
    }

    @Test
    void aFeeAdjustmentUnderTheLimitPostsToFeeRevenue() throws Exception {
        anAccountWithABill();
        String key = "adj-fee-small-" + System.nanoTime();
        mvc.perform(post("/api/v1/adjustments").with(httpBasic("senior", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"requestKey": "%s", "accountNumber": "%s", "serviceType": "FEE", "fund": "WATER",
                                 "amount": -25.00, "reasonCode": "FEE_WAIVER", "note": "First returned check waived"}"""
                                .formatted(key, account.accountNumber())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.adjustment.revenueAccount").value("4900"))
                .andExpect(jsonPath("$.adjustment.amount").value(-25.00));
        assertThat(entryTotals(key).get("revenue")).isEqualTo("4900");
    }

    @Test
    void aCsrMayViewButNotAdjust() throws Exception {
        anAccountWithABill();
        mvc.perform(get("/accounts/" + account.accountNumber() + "/adjustments/new").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/adjustments").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/accounts/" + account.accountNumber() + "/wastewater-adjustment").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/accounts/" + account.accountNumber() + "/adjustments").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk());
        mvc.perform(get("/accounts/" + account.accountNumber() + "/adjustments/new").with(httpBasic("senior", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Leak adjustment")));
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndNothingIsWritten() throws Exception {
        anAccountWithABill();
        TestBills.TestAccount other = TestBills.account(jdbc, "en");
        String key = "adj-bad-" + System.nanoTime();
        mvc.perform(post("/api/v1/adjustments").with(httpBasic("senior", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"requestKey": "%s", "accountNumber": "%s", "billId": %d, "serviceType": "WATERX",
                                 "amount": 0, "reasonCode": "BECAUSE", "note": " "}""".formatted(key, other.accountNumber(), billId)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("amount", "reasonCode", "note",
                        "serviceType", "billId")));
        mvc.perform(post("/accounts/" + account.accountNumber() + "/adjustments").with(httpBasic("senior", "civicdesk-demo"))
                        .param("requestKey", key).param("serviceType", "WATER").param("amount", "12.345")
                        .param("reasonCode", "OTHER").param("note", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Give the amount in dollars and cents")))
                .andExpect(content().string(Matchers.containsString("id=\"amount-error\"")));
        assertThat(adjustments(key)).isZero();
        assertThat(entries(key)).isZero();
    }
}
