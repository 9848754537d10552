package org.civicdesk.cashiering.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** The account screen lists the account's payments, returns and voids, newest first, with receipt links. */
@CivicDeskTest
class PaymentsSectionTests {

    @Autowired MockMvc mvc;
    @Autowired Payments payments;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theAccountScreenShowsPaymentsAndTheirReturnNewestFirst() throws Exception {
        LocalDate today = LocalDate.now(clock);
        TestAccount a = CashieringFixture.account(jdbc, "en", "ACTIVE");
        CashieringFixture.charge(ledger, a, "WATER", "90.00", today.minusDays(30), today.minusDays(5), "billing");
        CashieringFixture.signInWithAll("headcashier");
        PostedPayment older = payments.post(new NewPayment(CashieringFixture.key(), TenderSource.REMITTANCE_DESK, null,
                today.minusDays(3), List.of(CashieringFixture.check("40.00", "5150")),
                List.of(CashieringFixture.toAccount(a, "40.00")), "Rosa", null));
        PostedPayment newer = payments.post(new NewPayment(CashieringFixture.key(), TenderSource.REMITTANCE_DESK, null,
                today.minusDays(1), List.of(CashieringFixture.check("25.00", "5151")),
                List.of(CashieringFixture.toAccount(a, "25.00")), "Rosa", null));
        payments.returnPayment(older.paymentId(), "R01", "Insufficient funds");
        SecurityContextHolder.clearContext();

        String page = mvc.perform(get("/accounts/" + a.accountNumber()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String section = page.substring(page.indexOf("id=\"payments-heading\""));
        section = section.substring(0, section.indexOf("</section>"));
        // newest first: the return (today), the newer payment, then the returned payment
        int returned = section.indexOf("Return " + older.paymentId());
        int newerRow = section.indexOf("Payment " + newer.paymentId());
        int olderRow = section.indexOf("Payment " + older.paymentId());
        assertThat(returned).isPositive();
        assertThat(newerRow).isGreaterThan(returned);
        assertThat(olderRow).isGreaterThan(newerRow);
        assertThat(section).contains("R01: Insufficient funds").contains("Check 5150").contains("(taken back)")
                .contains("/cashiering/payments/" + newer.paymentId() + "/receipt.pdf");
        // a CSR does not take payments: no link to the payment page, but the receipt reprints
        assertThat(section).doesNotContain("href=\"/cashiering/payments/" + newer.paymentId() + "\"");
        mvc.perform(get("/cashiering/payments/" + newer.paymentId() + "/receipt.pdf").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk());

        String cashier = mvc.perform(get("/accounts/" + a.accountNumber()).with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(cashier).contains("href=\"/cashiering/payments/" + newer.paymentId() + "\"");
    }
}
