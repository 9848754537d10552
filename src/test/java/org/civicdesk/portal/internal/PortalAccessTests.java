package org.civicdesk.portal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Getting into the portal: registration (and what it never reveals), the e-mail link, sign-in with its
 * throttle and second factor, password reset, language, the inactivity timeout, and the wall between staff and
 * portal sign-ins.
 */
@CivicDeskTest
class PortalAccessTests extends PortalMvcSupport {

    @Test
    void registersVerifiesTheEmailOnceAndSignsIn() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("ana");
        MvcResult r = register(PortalFixture.uniqueAddress(), a, a.name().toUpperCase(), "$" + a.lastAmount(), email);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/portal/register/sent");
        assertThat(loginStatus(email)).isEqualTo("PENDING_EMAIL");
        assertThat(jdbc.sql("select password_hash from portal_login where email = ?").param(email).query(String.class)
                .single()).startsWith("$2").doesNotContain(PASSWORD);

        // not verified yet: the right password is told so, nothing more
        MockHttpSession session = new MockHttpSession();
        assertThat(signIn(session, PortalFixture.uniqueAddress(), email, PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/portal/sign-in?error=unverified");

        String token = PortalFixture.latestToken(jdbc, email, "/portal/verify");
        assertThat(jdbc.sql("select count(*) from portal_token where token_hash = ?")
                .param(OneTimeTokens.hash(token)).query(Long.class).single()).isEqualTo(1);
        // opening the link only shows a button: a mail scanner does not use it up
        mvc.perform(get("/portal/verify").param("token", token)).andExpect(status().isOk());
        mvc.perform(post("/portal/verify").with(csrf()).param("token", token))
                .andExpect(redirectedUrl("/portal/sign-in?verified"));
        assertThat(loginStatus(email)).isEqualTo("ACTIVE");
        mvc.perform(post("/portal/verify").with(csrf()).param("token", token)).andExpect(status().isGone());

        session = signedIn(email);
        String home = mvc.perform(get("/portal").session(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(home).contains(a.accountNumber()).contains("/portal/accounts/" + a.accountNumber())
                .contains("/portal/profile").contains("/portal/premises").contains("/portal/link");
        long id = loginId(email);
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'portal_login' and record_id = ? "
                + "and action in ('registered', 'email-verified', 'signed-in') and actor = ?")
                .params(Long.toString(id), "portal:" + id).query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select last_signed_in_at is not null from portal_login where id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void noAnswerTellsWhetherAnAccountOrAnEmailExists() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String owner = PortalFixture.uniqueEmail("owner");
        registeredLogin(a, owner);
        long mailsBefore = PortalFixture.mails(jdbc, owner).size();

        String wrongFactsEmail = PortalFixture.uniqueEmail("wrongfacts");
        MvcResult wrongFacts = register(PortalFixture.uniqueAddress(), a, a.name(), "1.23", wrongFactsEmail);
        MvcResult wrongName = register(PortalFixture.uniqueAddress(), a, "Someone Else", a.lastAmount().toPlainString(),
                PortalFixture.uniqueEmail("wrongname"));
        PortalFixture.BilledAccount unknown = new PortalFixture.BilledAccount(org.civicdesk.customer.AccountNumber.fromSequence(999_999_998L).value(), "Nobody", a.lastAmount(),
                a.lastBillDate(), 0);
        MvcResult unknownAccount = register(PortalFixture.uniqueAddress(), unknown, "Nobody",
                a.lastAmount().toPlainString(), PortalFixture.uniqueEmail("unknown"));
        MvcResult alreadyRegistered = register(PortalFixture.uniqueAddress(), a, a.name(),
                a.lastAmount().toPlainString(), owner);

        for (MvcResult r : List.of(wrongFacts, wrongName, unknownAccount, alreadyRegistered)) {
            assertThat(r.getResponse().getStatus()).isEqualTo(302);
            assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/portal/register/sent");
        }
        // nothing made for wrong facts; the owner of a registered e-mail hears about it, and no second login exists
        assertThat(jdbc.sql("select count(*) from portal_login where email = ?").param(wrongFactsEmail)
                .query(Long.class).single()).isZero();
        List<Map<String, Object>> ownerMails = PortalFixture.mails(jdbc, owner);
        assertThat(ownerMails).hasSize((int) mailsBefore + 1);
        assertThat(ownerMails.get(ownerMails.size() - 1).get("purpose")).isEqualTo("portal-already-registered");
        assertThat(jdbc.sql("select count(*) from portal_login where email = ?").param(owner).query(Long.class).single())
                .isEqualTo(1);

        // the reset request answers the same for an unknown address and a registered one
        String unknownEmail = PortalFixture.uniqueEmail("nobody");
        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", unknownEmail))
                .andExpect(redirectedUrl("/portal/forgot/sent"));
        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", owner))
                .andExpect(redirectedUrl("/portal/forgot/sent"));
        assertThat(PortalFixture.mails(jdbc, unknownEmail)).isEmpty();
        assertThat(PortalFixture.mails(jdbc, owner).get(PortalFixture.mails(jdbc, owner).size() - 1).get("purpose"))
                .isEqualTo("portal-reset");

        // the sign-in answer is the same for an unknown e-mail and a wrong password
        String unknownAnswer = signIn(new MockHttpSession(), PortalFixture.uniqueAddress(), unknownEmail, PASSWORD)
                .getResponse().getRedirectedUrl();
        String wrongPassword = signIn(new MockHttpSession(), PortalFixture.uniqueAddress(), owner, PASSWORD + "x")
                .getResponse().getRedirectedUrl();
        assertThat(unknownAnswer).isEqualTo(wrongPassword).isEqualTo("/portal/sign-in?error=credentials");
    }

    @Test
    void formProblemsAreNamedInTheReadersLanguage() throws Exception {
        String page = mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/register")).with(csrf())
                        .param("lang", "es").param("accountNumber", "12345").param("nameOnBill", "")
                        .param("email", "not-an-email").param("password", "short"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Escriba el número de cuenta de 10 dígitos")
                .contains("Escriba el importe a pagar o la fecha").contains("al menos 12 caracteres")
                .contains("href=\"#accountNumber\"").contains("aria-invalid=\"true\"");
    }

    @Test
    void verificationLinksExpireAfterADay() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("late");
        register(PortalFixture.uniqueAddress(), a, a.name(), null, email);
        assertThat(PortalFixture.mails(jdbc, email)).isEmpty();
        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/register")).with(csrf())
                .param("accountNumber", a.accountNumber()).param("nameOnBill", a.name())
                .param("billDate", a.lastBillDate().toString()).param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/register/sent"));
        String token = PortalFixture.latestToken(jdbc, email, "/portal/verify");
        clock.advance(Duration.ofHours(25));
        try {
            mvc.perform(post("/portal/verify").with(csrf()).param("token", token)).andExpect(status().isGone());
            assertThat(loginStatus(email)).isEqualTo("PENDING_EMAIL");
        } finally {
            clock.advance(Duration.ofHours(-25));
        }
    }

    @Test
    void passwordResetLinkWorksOnceWithinTheHourAndEndsOtherSessions() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("reset");
        registeredLogin(a, email);
        MockHttpSession old = signedIn(email);

        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", email))
                .andExpect(redirectedUrl("/portal/forgot/sent"));
        String token = PortalFixture.latestToken(jdbc, email, "/portal/reset");
        mvc.perform(get("/portal/reset").param("token", token)).andExpect(status().isOk());
        mvc.perform(post("/portal/reset").with(csrf()).param("token", token).param("password", "short"))
                .andExpect(status().is(422));
        clock.advance(Duration.ofSeconds(2));
        mvc.perform(post("/portal/reset").with(csrf()).param("token", token).param("password", "Ocotillo-Bloom-77"))
                .andExpect(redirectedUrl("/portal/sign-in?reset"));
        mvc.perform(post("/portal/reset").with(csrf()).param("token", token).param("password", "Another-Pass-9988"))
                .andExpect(status().isGone());
        mvc.perform(get("/portal").session(old)).andExpect(redirectedUrl("/portal/sign-in?ended"));
        assertThat(signIn(new MockHttpSession(), PortalFixture.uniqueAddress(), email, "Ocotillo-Bloom-77")
                .getResponse().getRedirectedUrl()).isEqualTo("/portal");

        // a link older than an hour no longer works
        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", email));
        String late = PortalFixture.latestToken(jdbc, email, "/portal/reset");
        clock.advance(Duration.ofMinutes(61));
        try {
            mvc.perform(get("/portal/reset").param("token", late)).andExpect(status().isGone());
            mvc.perform(post("/portal/reset").with(csrf()).param("token", late).param("password", "Another-Pass-9988"))
                    .andExpect(status().isGone());
        } finally {
            clock.advance(Duration.ofMinutes(-61));
        }
    }

    @Test
    void signInIsThrottledPerEmailAndAddress() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("throttle");
        registeredLogin(a, email);
        String address = PortalFixture.uniqueAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(new MockHttpSession(), address, email, "wrong-password-" + i).getResponse()
                    .getRedirectedUrl()).isEqualTo("/portal/sign-in?error=credentials");
        }
        assertThat(signIn(new MockHttpSession(), address, email, PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/portal/sign-in?error=throttled");
        // from elsewhere the customer still gets in
        assertThat(signIn(new MockHttpSession(), PortalFixture.uniqueAddress(), email, PASSWORD).getResponse()
                .getRedirectedUrl()).isEqualTo("/portal");
    }

    @Test
    void registrationAndResetRequestsAreRateLimited() throws Exception {
        String address = PortalFixture.uniqueAddress();
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        for (int i = 0; i < PortalAccounts.PER_ADDRESS_PER_HOUR; i++) {
            assertThat(register(address, a, "Wrong Name", "1.00", PortalFixture.uniqueEmail("rate")).getResponse()
                    .getStatus()).isEqualTo(302);
        }
        assertThat(register(address, a, "Wrong Name", "1.00", PortalFixture.uniqueEmail("rate")).getResponse()
                .getStatus()).isEqualTo(429);

        String email = PortalFixture.uniqueEmail("resets");
        for (int i = 0; i < PortalAccounts.RESETS_PER_EMAIL_PER_HOUR; i++) {
            mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", email))
                    .andExpect(redirectedUrl("/portal/forgot/sent"));
        }
        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", email))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void secondFactorIsAskedAfterThePasswordAndLocksAfterFiveWrongCodes() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("totp");
        long id = registeredLogin(a, email);
        MockHttpSession session = signedIn(email);

        String page = mvc.perform(get("/portal/profile/totp").session(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        String secret = page.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(page).contains("otpauth://totp/");
        byte[] stored = jdbc.sql("select totp_secret from portal_login where id = ?").param(id).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);

        mvc.perform(post("/portal/profile/totp").session(session).with(csrf()).param("code", "000000"))
                .andExpect(status().is(422));
        mvc.perform(post("/portal/profile/totp").session(session).with(csrf())
                        .param("code", TotpCodes.codeAt(secret, clock.instant())))
                .andExpect(redirectedUrl("/portal/profile"));
        mvc.perform(post("/portal/sign-out").session(session).with(csrf()))
                .andExpect(redirectedUrl("/portal/sign-in?signedOut"));

        MockHttpSession next = new MockHttpSession();
        assertThat(signIn(next, PortalFixture.uniqueAddress(), email, PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/portal/sign-in/code");
        // the password alone opens nothing
        mvc.perform(get("/portal").session(next)).andExpect(redirectedUrl("/portal/sign-in/code"));
        mvc.perform(get("/portal/profile").session(next)).andExpect(redirectedUrl("/portal/sign-in/code"));
        mvc.perform(post("/portal/sign-in/code").session(next).with(csrf()).param("code", "123456"))
                .andExpect(status().is(422));
        // the code that confirmed the enrolment is used up: one use per code
        String enrolmentCode = TotpCodes.codeAt(secret, clock.instant());
        mvc.perform(post("/portal/sign-in/code").session(next).with(csrf()).param("code", enrolmentCode))
                .andExpect(status().is(422));
        clock.advance(Duration.ofSeconds(30));
        try {
            String code = TotpCodes.codeAt(secret, clock.instant());
            mvc.perform(post("/portal/sign-in/code").session(next).with(csrf()).param("code", code))
                    .andExpect(redirectedUrl("/portal"));
            mvc.perform(get("/portal").session(next)).andExpect(status().isOk());
            // the same code again, from another browser: refused, although it is still within its 30 seconds
            // (two replays audited: this one and the enrolment code above)
            MockHttpSession replay = new MockHttpSession();
            signIn(replay, PortalFixture.uniqueAddress(), email, PASSWORD);
            mvc.perform(post("/portal/sign-in/code").session(replay).with(csrf()).param("code", code))
                    .andExpect(status().is(422));
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'portal-sign-in-code-replayed'"
                    + " and record_id = ?").param(Long.toString(id)).query(Long.class).single()).isEqualTo(2);
            clock.advance(Duration.ofSeconds(30));
            mvc.perform(post("/portal/sign-in/code").session(replay).with(csrf())
                            .param("code", TotpCodes.codeAt(secret, clock.instant())))
                    .andExpect(redirectedUrl("/portal"));
        } finally {
            clock.advance(Duration.ofSeconds(-60));
        }

        // five wrong codes in a row lock the login; staff unlock it
        MockHttpSession guesser = new MockHttpSession();
        signIn(guesser, PortalFixture.uniqueAddress(), email, PASSWORD);
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/portal/sign-in/code").session(guesser).with(csrf()).param("code", "11111" + i))
                    .andExpect(status().is(422));
        }
        mvc.perform(post("/portal/sign-in/code").session(guesser).with(csrf()).param("code", "111119"))
                .andExpect(redirectedUrl("/portal/sign-in?error=locked"));
        assertThat(loginStatus(email)).isEqualTo("LOCKED");
        mvc.perform(get("/portal").session(next)).andExpect(redirectedUrl("/portal/sign-in?ended"));
        assertThat(signIn(new MockHttpSession(), PortalFixture.uniqueAddress(), email, PASSWORD).getResponse()
                .getRedirectedUrl()).isEqualTo("/portal/sign-in?error=locked");
    }

    @Test
    void languageSwitchIsRememberedInACookieThenOnTheLogin() throws Exception {
        MvcResult es = mvc.perform(get("/portal/sign-in").param("lang", "es"))
                .andExpect(status().isOk()).andExpect(cookie().value(PortalLanguage.COOKIE, "es")).andReturn();
        assertThat(es.getResponse().getContentAsString()).contains("lang=\"es\"").contains("Iniciar sesión");
        Cookie remembered = es.getResponse().getCookie(PortalLanguage.COOKIE);
        assertThat(mvc.perform(get("/portal/register").cookie(remembered)).andReturn().getResponse()
                .getContentAsString()).contains("Registrarse en el portal de clientes");
        // staff pages are not translated and not touched by the portal's cookie
        assertThat(mvc.perform(get("/login").cookie(remembered)).andReturn().getResponse().getContentAsString())
                .contains("CivicDesk staff sign-in");

        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("idioma");
        long id = registeredLogin(a, email);
        MockHttpSession session = signedIn(email);
        assertThat(mvc.perform(get("/portal").session(session).param("lang", "es")).andReturn().getResponse()
                .getContentAsString()).contains("Sus cuentas");
        assertThat(jdbc.sql("select language from portal_login where id = ?").param(id).query(String.class).single())
                .isEqualTo("es");
        // a later sign-in on another browser (no cookie) is in Spanish, and so are its e-mails
        MockHttpSession other = signedIn(email);
        assertThat(mvc.perform(get("/portal").session(other)).andReturn().getResponse().getContentAsString())
                .contains("Sus cuentas");
        mvc.perform(from(PortalFixture.uniqueAddress(), post("/portal/forgot")).with(csrf()).param("email", email));
        List<Map<String, Object>> mails = PortalFixture.mails(jdbc, email);
        assertThat((String) mails.get(mails.size() - 1).get("subject")).startsWith("Elija una contraseña nueva");
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'portal_login' and record_id = ? "
                + "and action = 'language-changed' and actor = ?").params(Long.toString(id), "portal:" + id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anIdleSignInEndsAfterFifteenMinutes() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("idle");
        registeredLogin(a, email);
        MockHttpSession session = signedIn(email);
        clock.advance(Duration.ofMinutes(10));
        mvc.perform(get("/portal").session(session)).andExpect(status().isOk());
        clock.advance(Duration.ofMinutes(16));
        try {
            mvc.perform(get("/portal").session(session)).andExpect(redirectedUrl("/portal/sign-in?expired"));
            mvc.perform(get("/portal").session(session)).andExpect(status().is3xxRedirection());
        } finally {
            clock.advance(Duration.ofMinutes(-26));
        }
    }

    @Test
    void staffAndPortalSignInsNeverBecomeEachOther() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("wall");
        registeredLogin(a, email);

        // a staff user is nobody on the portal
        MockHttpSession staff = new MockHttpSession();
        mvc.perform(post("/login").session(staff).with(csrf()).param("username", "csr").param("password", "civicdesk-demo"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/accounts/" + a.accountNumber()).session(staff)).andExpect(status().isOk());
        mvc.perform(get("/portal").session(staff)).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/portal/sign-in"));
        // staff credentials do not open the portal, nor a portal login the staff pages
        assertThat(signIn(new MockHttpSession(), PortalFixture.uniqueAddress(), "csr", "civicdesk-demo").getResponse()
                .getRedirectedUrl()).isEqualTo("/portal/sign-in?error=credentials");
        mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login?error"));

        MockHttpSession customer = signedIn(email);
        mvc.perform(get("/accounts/" + a.accountNumber()).session(customer)).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
        mvc.perform(get("/api/v1/accounts/" + a.accountNumber()).session(customer)).andExpect(status().isUnauthorized());

        // both in one browser: each keeps its own, and signing out of the portal leaves the staff sign-in
        MvcResult both = signIn(staff, PortalFixture.uniqueAddress(), email, PASSWORD);
        assertThat(both.getResponse().getRedirectedUrl()).isEqualTo("/portal");
        assertThat(mvc.perform(get("/portal").session(staff)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains(a.accountNumber());
        mvc.perform(get("/accounts/" + a.accountNumber()).session(staff)).andExpect(status().isOk());
        mvc.perform(post("/portal/sign-out").session(staff).with(csrf())).andExpect(redirectedUrl("/portal/sign-in?signedOut"));
        mvc.perform(get("/portal").session(staff)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/accounts/" + a.accountNumber()).session(staff)).andExpect(status().isOk());
    }

    @Test
    void securityHeadersOnPortalPages() throws Exception {
        mvc.perform(get("/portal/sign-in"))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                        .contains("default-src 'self'").contains("frame-ancestors 'none'"))
                .andExpect(result -> assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        // a form without the session's token is refused
        mvc.perform(post("/portal/forgot").param("email", "x@example.org")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/portal/sign-in?expired"));
    }
}
