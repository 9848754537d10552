package org.civicdesk.portal.internal.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pay now: by card through the test processor's hosted step (the number never reaches CivicDesk's tables), a double
 * submit paying once, a declined card, a bank payment, refusal on a cash-only account, bad amounts, receipts, and
 * autopay enrolment and cancellation; each payment audited with the portal login as the actor.
 */
@CivicDeskTest
class PayNowTest {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired WebApplicationContext context;

    MockMvc mvc;
    PortalFixture.Customer c;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        LocalDate today = LocalDate.now(clock);
        c = PortalFixture.customer(jdbc, ledger, "en", today);
        PortalFixture.charge(ledger, c.account(), "80.00", today.minusDays(4), today.plusDays(17));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String base() {
        return "/portal/accounts/" + c.number();
    }

    /** Walks amount, hosted step and back; returns the confirmation page's HTML. */
    private String confirmationFor(String amount, String cardNumber) throws Exception {
        MvcResult toStep = mvc.perform(post(base() + "/pay/card").param("amount", amount).with(PortalFixture.as(c.login())))
                .andReturn();
        assertThat(toStep.getResponse().getStatus()).isEqualTo(302);
        String hosted = toStep.getResponse().getRedirectedUrl();
        assertThat(hosted).startsWith("/portal/test-card-processor/hosted");
        var q = UriComponentsBuilder.fromUriString(hosted).build().getQueryParams();
        String returnTo = java.net.URLDecoder.decode(q.getFirst("returnTo"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(mvc.perform(get(hosted).with(PortalFixture.as(c.login()))).andReturn().getResponse().getStatus()).isEqualTo(200);
        MvcResult back = mvc.perform(post("/portal/test-card-processor/hosted").param("cardNumber", cardNumber)
                .param("amount", q.getFirst("amount")).param("returnTo", returnTo).with(PortalFixture.as(c.login()))).andReturn();
        assertThat(back.getResponse().getStatus()).isEqualTo(302);
        String confirm = back.getResponse().getRedirectedUrl();
        assertThat(confirm).startsWith(base() + "/pay/card/confirm?").contains("cardToken=tok_test_").doesNotContain(cardNumber);
        MvcResult page = mvc.perform(get(confirm).with(PortalFixture.as(c.login()))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        return page.getResponse().getContentAsString();
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    private MvcResult confirm(String html) throws Exception {
        return mvc.perform(post(base() + "/pay/card/confirm").with(PortalFixture.as(c.login()))
                .param("submissionId", hidden(html, "submissionId")).param("amount", hidden(html, "amount"))
                .param("cardToken", hidden(html, "cardToken")).param("cardBrand", hidden(html, "cardBrand"))
                .param("cardLast4", hidden(html, "cardLast4"))).andReturn();
    }

    private long paymentsTo(String account) {
        return jdbc.sql("select count(distinct payment_id) from cashiering_payment_allocation where target_reference = ?")
                .params(account).query(Long.class).single();
    }

    @Test
    void cardPaymentThroughTheHostedStepPaysOnceWhenSubmittedTwice() throws Exception {
        String html = confirmationFor("80.00", "4242 4242 4242 4242");
        assertThat(html).contains("Pay $80.00 with the VISA card ending 4242");
        MvcResult first = confirm(html);
        MvcResult second = confirm(html);
        assertThat(first.getResponse().getRedirectedUrl()).startsWith(base() + "/payments/");
        assertThat(second.getResponse().getRedirectedUrl()).isEqualTo(first.getResponse().getRedirectedUrl());
        assertThat(second.getFlashMap().get("replayed")).isEqualTo(true);
        assertThat(paymentsTo(c.number())).isEqualTo(1);
        long paymentId = Long.parseLong(first.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(jdbc.sql("select source from cashiering_payment where id = ?").params(paymentId).query(String.class).single())
                .isEqualTo("PORTAL");
        // the card number is nowhere in the payment's rows
        assertThat(jdbc.sql("select count(*) from cashiering_payment_tender where payment_id = ? and card_last4 = '4242' and card_token like 'tok_test_%'")
                .params(paymentId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'payment' and record_id = ? and actor = ?")
                .params(Long.toString(paymentId), "portal:" + c.login().loginId()).query(Long.class).single()).isEqualTo(1);
        String receipt = mvc.perform(get(base() + "/payments/" + paymentId).with(PortalFixture.as(c.login())))
                .andReturn().getResponse().getContentAsString();
        assertThat(receipt).contains("$80.00").contains("VISA card ending 4242").contains("P" + paymentId + "-");
        MvcResult pdf = mvc.perform(get(base() + "/payments/" + paymentId + "/receipt.pdf").with(PortalFixture.inLanguage(jdbc, c.login(), "es"))
                .with(PortalFixture.as(c.login()))).andReturn();
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        String account = mvc.perform(get(base()).with(PortalFixture.as(c.login()))).andReturn().getResponse().getContentAsString();
        assertThat(account).contains("id=\"balance\">$0.00");
    }

    @Test
    void aDeclinedCardIsRefusedClearlyAndNothingIsPaid() throws Exception {
        String html = confirmationFor("20.00", "4000 0000 0000 0002");
        MvcResult r = confirm(html);
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).contains("Your card was declined").contains("insufficient funds")
                .contains("href=\"#card\"");
        assertThat(paymentsTo(c.number())).isZero();
    }

    @Test
    void aDeclinedCardIsRefusedInSpanishWithTheCardsLastDigits() throws Exception {
        String html = confirmationFor("20.00", "4000 0000 0000 0002");
        MvcResult r = mvc.perform(post(base() + "/pay/card/confirm").with(PortalFixture.inLanguage(jdbc, c.login(), "es"))
                .with(PortalFixture.as(c.login())).param("submissionId", hidden(html, "submissionId"))
                .param("amount", hidden(html, "amount")).param("cardToken", hidden(html, "cardToken"))
                .param("cardBrand", hidden(html, "cardBrand")).param("cardLast4", hidden(html, "cardLast4"))).andReturn();
        assertThat(r.getResponse().getContentAsString()).contains("El banco de la tarjeta que termina en 0002 rechazó el pago.")
                .contains("Su tarjeta fue rechazada").doesNotContain("insufficient funds").contains("href=\"#card\"");
        assertThat(paymentsTo(c.number())).isZero();
    }

    @Test
    void anInvalidCardNumberStaysOnTheHostedStep() throws Exception {
        String returnTo = base() + "/pay/card/confirm";
        MvcResult r = mvc.perform(post("/portal/test-card-processor/hosted").param("cardNumber", "1234")
                .param("amount", "5.00").param("returnTo", returnTo).with(PortalFixture.as(c.login()))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).contains("not a valid card number");
        // the hosted step returns only to a portal confirmation page, never elsewhere
        MvcResult away = mvc.perform(post("/portal/test-card-processor/hosted").param("cardNumber", "4242424242424242")
                .param("returnTo", "https://evil.example/steal").with(PortalFixture.as(c.login()))).andReturn();
        assertThat(away.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void badAmountsNameTheAmountField() throws Exception {
        for (String bad : new String[] {"", "abc", "0", "-5", "10000.01"}) {
            MvcResult r = mvc.perform(post(base() + "/pay/card").param("amount", bad).with(PortalFixture.as(c.login()))).andReturn();
            assertThat(r.getResponse().getStatus()).as(bad).isEqualTo(200);
            assertThat(r.getResponse().getContentAsString()).as(bad).contains("href=\"#amount\"").contains("id=\"amount-error\"");
        }
        MvcResult es = mvc.perform(post(base() + "/pay/card").param("amount", "abc").with(PortalFixture.inLanguage(jdbc, c.login(), "es"))
                .with(PortalFixture.as(c.login()))).andReturn();
        assertThat(es.getResponse().getContentAsString()).contains("Escriba el monto en dólares");
    }

    private MvcResult bankPayment(String submission, String amount) throws Exception {
        return mvc.perform(post(base() + "/pay/bank").with(PortalFixture.as(c.login())).param("submissionId", submission)
                .param("amount", amount).param("holderName", "Lucia Tester").param("routingNumber", "122105278")
                .param("bankAccountNumber", "000123456789").param("accountType", "CHECKING").param("authorise", "on")).andReturn();
    }

    @Test
    void bankPaymentPostsOnceAndKeepsOnlyTheLastFourDigits() throws Exception {
        String submission = java.util.UUID.randomUUID().toString();
        MvcResult first = bankPayment(submission, "30.00");
        MvcResult again = bankPayment(submission, "30.00");
        assertThat(first.getResponse().getRedirectedUrl()).startsWith(base() + "/payments/");
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo(first.getResponse().getRedirectedUrl());
        assertThat(paymentsTo(c.number())).isEqualTo(1);
        long paymentId = Long.parseLong(first.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(jdbc.sql("select bank_last4 from cashiering_online_bank_debit where payment_id = ?").params(paymentId)
                .query(String.class).single()).isEqualTo("6789");
        assertThat(jdbc.sql("select count(*) from cashiering_online_bank_debit where payment_id = ? and bank_token like 'bank_%'")
                .params(paymentId).query(Long.class).single()).isEqualTo(1);
        String receipt = mvc.perform(get(base() + "/payments/" + paymentId).with(PortalFixture.as(c.login())))
                .andReturn().getResponse().getContentAsString();
        assertThat(receipt).contains("Bank account ending 6789").doesNotContain("000123456789");
    }

    @Test
    void aCashOnlyAccountRefusesBankPaymentsButTakesCards() throws Exception {
        jdbc.sql("""
                insert into account_alert (account_id, alert_type, note, starts_on, created_at, created_by)
                values (?, 'CASH_ONLY', 'Two returned checks', ?, ?, 'test')""")
                .params(c.account().accountId(), LocalDate.now(clock).minusDays(1), Timestamp.from(Instant.now())).update();
        String pay = mvc.perform(get(base() + "/pay").with(PortalFixture.as(c.login()))).andReturn().getResponse().getContentAsString();
        assertThat(pay).contains("Bank payments are not accepted on this account");
        MvcResult r = bankPayment(java.util.UUID.randomUUID().toString(), "30.00");
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).contains("href=\"#method\"").contains("certified funds only");
        assertThat(paymentsTo(c.number())).isZero();
        assertThat(confirm(confirmationFor("10.00", "4242424242424242")).getResponse().getRedirectedUrl())
                .startsWith(base() + "/payments/");
    }

    @Test
    void bankFieldsAreCheckedByName() throws Exception {
        MvcResult r = mvc.perform(post(base() + "/pay/bank").with(PortalFixture.as(c.login()))
                .param("submissionId", java.util.UUID.randomUUID().toString()).param("amount", "10").param("holderName", "X")
                .param("routingNumber", "123").param("bankAccountNumber", "1").param("accountType", "CHECKING")
                .param("authorise", "on")).andReturn();
        assertThat(r.getResponse().getContentAsString()).contains("href=\"#routingNumber\"");
        MvcResult unauthorised = mvc.perform(post(base() + "/pay/bank").with(PortalFixture.as(c.login()))
                .param("submissionId", java.util.UUID.randomUUID().toString()).param("amount", "10")).andReturn();
        assertThat(unauthorised.getResponse().getContentAsString()).contains("href=\"#authorise\"");
        assertThat(paymentsTo(c.number())).isZero();
    }

    @Test
    void autopayEnrolAndCancel() throws Exception {
        MvcResult enrol = mvc.perform(post(base() + "/autopay").with(PortalFixture.as(c.login())).param("holderName", "Lucia Tester")
                .param("routingNumber", "122105278").param("bankAccountNumber", "55554444").param("accountType", "SAVINGS")
                .param("authorise", "on")).andReturn();
        assertThat(enrol.getResponse().getRedirectedUrl()).isEqualTo(base() + "/autopay");
        String page = mvc.perform(get(base() + "/autopay").with(PortalFixture.as(c.login()))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("savings account ending 4444").contains("Cancel autopay");
        assertThat(jdbc.sql("select created_by from autopay_enrolment where account_number = ? and status = 'ACTIVE'")
                .params(c.number()).query(String.class).single()).isEqualTo("portal:" + c.login().loginId());
        MvcResult twice = mvc.perform(post(base() + "/autopay").with(PortalFixture.as(c.login())).param("holderName", "Lucia Tester")
                .param("routingNumber", "122105278").param("bankAccountNumber", "55554444").param("accountType", "SAVINGS")
                .param("authorise", "on")).andReturn();
        assertThat(twice.getResponse().getContentAsString()).contains("already enrolled");
        mvc.perform(post(base() + "/autopay/cancel").with(PortalFixture.as(c.login()))).andReturn();
        assertThat(jdbc.sql("select count(*) from autopay_enrolment where account_number = ? and status = 'ACTIVE'")
                .params(c.number()).query(Long.class).single()).isZero();
    }
}
