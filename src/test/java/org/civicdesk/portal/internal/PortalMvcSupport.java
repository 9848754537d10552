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

/** What the portal's MockMvc tests share: registering, verifying and signing in through the real pages. */
abstract class PortalMvcSupport {

    static final String PASSWORD = "Saguaro-Sunset-2026";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SettableClock clock;

    /** A request from a client address of its own. */
    static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    MvcResult register(String address, PortalFixture.BilledAccount a, String name, String amount, String email)
            throws Exception {
        return mvc.perform(from(address, post("/portal/register")).with(csrf())
                        .param("accountNumber", a.accountNumber()).param("nameOnBill", name)
                        .param("billAmount", amount).param("email", email).param("password", PASSWORD))
                .andReturn();
    }

    /** Registers, verifies and answers the login's id. */
    long registeredLogin(PortalFixture.BilledAccount a, String email) throws Exception {
        MvcResult r = register(PortalFixture.uniqueAddress(), a, a.name(), a.lastAmount().toPlainString(), email);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/portal/register/sent");
        String token = PortalFixture.latestToken(jdbc, email, "/portal/verify");
        mvc.perform(post("/portal/verify").with(csrf()).param("token", token))
                .andExpect(redirectedUrl("/portal/sign-in?verified"));
        return loginId(email);
    }

    long loginId(String email) {
        return jdbc.sql("select id from portal_login where email = ?").param(email).query(Long.class).single();
    }

    String loginStatus(String email) {
        return jdbc.sql("select status from portal_login where email = ?").param(email).query(String.class).single();
    }

    MvcResult signIn(MockHttpSession session, String address, String email, String password) throws Exception {
        return mvc.perform(from(address, post("/portal/sign-in")).with(csrf()).session(session)
                .param("email", email).param("password", password)).andReturn();
    }

    MockHttpSession signedIn(String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        MvcResult r = signIn(session, PortalFixture.uniqueAddress(), email, PASSWORD);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/portal");
        return session;
    }

}
