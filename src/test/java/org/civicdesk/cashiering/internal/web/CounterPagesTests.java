package org.civicdesk.cashiering.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.support.CivicDeskTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The counter pages as the demo cashier: open, look up, take a split payment with a hosted card token, receipt, close. */
@CivicDeskTest
class CounterPagesTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void theCashierOpensTakesASplitPaymentPrintsTheReceiptAndCloses() throws Exception {
        CashieringFixture.TestAccount a = CashieringFixture.account(jdbc, "es", "ACTIVE");
        // the demo cashier may still have a drawer open from another test of this JVM: close it first by the API
        mvc.perform(get("/cashiering").with(httpBasic("senior", "civicdesk-demo"))).andExpect(status().isForbidden());
        String page = mvc.perform(get("/cashiering").with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        if (page.contains("Open your drawer")) {
            mvc.perform(post("/cashiering/drawer/open").with(httpBasic("headcashier", "civicdesk-demo")).with(csrf())
                    .param("openingFloat", "200.00")).andExpect(status().is3xxRedirection());
        }
        mvc.perform(get("/cashiering/lookup").with(httpBasic("headcashier", "civicdesk-demo"))
                        .param("allocations[0].receivableType", "utility-account").param("allocations[0].reference", a.accountNumber()))
                .andExpect(content().string(Matchers.containsString(a.customerName())));
        mvc.perform(get("/cashiering/lookup").with(httpBasic("headcashier", "civicdesk-demo"))
                        .param("allocations[0].receivableType", "utility-account").param("allocations[0].reference", "1234"))
                .andExpect(content().string(Matchers.containsString("not a valid account number")));

        // the hosted payment step returns only token, brand and last four
        String location = mvc.perform(post("/test-card-processor/hosted").with(httpBasic("headcashier", "civicdesk-demo")).with(csrf())
                        .param("cardNumber", "4242 4242 4242 4242").param("amount", "15.00"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).contains("cardToken=tok_test_").contains("cardLast4=4242").doesNotContain("42424242");
        Matcher m = Pattern.compile("cardToken=([a-z_]+)").matcher(location);
        assertThat(m.find()).isTrue();

        String receiptUrl = mvc.perform(post("/cashiering/payments").with(httpBasic("headcashier", "civicdesk-demo")).with(csrf())
                        .param("idempotencyKey", "page-" + System.nanoTime()).param("payerName", "Rosa")
                        .param("allocations[0].receivableType", "utility-account").param("allocations[0].reference", a.accountNumber())
                        .param("allocations[0].amount", "30.00")
                        .param("allocations[1].receivableType", "miscellaneous").param("allocations[1].reference", "COPIES")
                        .param("allocations[1].amount", "5.00")
                        .param("tenders[0].type", "CASH").param("tenders[0].amount", "25.00")
                        .param("tenders[1].type", "CREDIT_CARD").param("tenders[1].amount", "15.00")
                        .param("tenders[1].cardToken", m.group(1)).param("tenders[1].cardBrand", "VISA").param("tenders[1].cardLast4", "4242"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(receiptUrl).startsWith("/cashiering/payments/");
        mvc.perform(get(receiptUrl).with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(content().string(Matchers.containsString("COPIES")))
                .andExpect(content().string(Matchers.containsString("$5.00")));
        mvc.perform(get(receiptUrl + "/receipt.pdf").with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));

        // a refused payment shows the reason on the form
        mvc.perform(post("/cashiering/payments").with(httpBasic("headcashier", "civicdesk-demo")).with(csrf())
                        .param("idempotencyKey", "page-bad-" + System.nanoTime())
                        .param("allocations[0].receivableType", "utility-account").param("allocations[0].reference", a.accountNumber())
                        .param("allocations[0].amount", "30.00")
                        .param("tenders[0].type", "CASH").param("tenders[0].amount", "20.00"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("is less than the $30.00 to pay")));

        mvc.perform(post("/cashiering/drawer/close").with(httpBasic("headcashier", "civicdesk-demo")).with(csrf())
                        .param("pieces[BILL_100]", "2").param("pieces[BILL_20]", "1").param("pieces[BILL_5]", "1")
                        .param("cardBatchTotal", "15.00"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/cashiering/daily-cash-report").with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Tie-out")));
        mvc.perform(get("/cashiering/daily-cash-report.pdf").with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk());
        mvc.perform(get("/cashiering/daily-cash-report.csv").with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(content().string(Matchers.containsString("tie-out")));
        mvc.perform(get("/cashiering/drawers").with(httpBasic("headcashier", "civicdesk-demo"))).andExpect(status().isOk());
        mvc.perform(get("/cashiering/refunds").with(httpBasic("supervisor", "civicdesk-demo"))).andExpect(status().isOk());
    }

    /** The walk found the deposit's funds printed as a raw map (WATER=25.67) on the Daily Cash Report. */
    @Test
    void theDailyCashReportShowsEachDepositByFundInDollars() throws Exception {
        // the demo city deposits its counter day
        var deposit = jdbc.sql("select business_date, by_fund::text as funds from cashiering_deposit order by id limit 1")
                .query().singleRow();
        String today = deposit.get("business_date").toString();
        var funds = new tools.jackson.databind.ObjectMapper().readValue((String) deposit.get("funds"),
                new tools.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
        assertThat(funds).isNotEmpty();
        String page = mvc.perform(get("/cashiering/daily-cash-report").param("date", today)
                        .with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        byte[] pdf = mvc.perform(get("/cashiering/daily-cash-report.pdf").param("date", today)
                        .with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
        StringBuilder pdfText = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            pdfText.append(new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(p)).append('\n');
        }
        funds.forEach((fund, amount) -> {
            String shown = fund + " " + org.civicdesk.platform.Money.of(amount).formatted();
            assertThat(page).contains(shown).doesNotContain(fund + "=");
            assertThat(pdfText.toString().replaceAll("\\s+", " ")).contains(shown).doesNotContain(fund + "=");
        });
    }
}
