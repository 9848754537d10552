package org.civicdesk.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@CivicDeskTest
class StaffSignInTests {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-battery";

    @Autowired MockMvc mvc;
    @Autowired StaffUserAdministration administration;
    @Autowired SettableClock clock;
    @Autowired JdbcClient jdbc;

    private String newUser(String role) {
        String username = "signin" + SEQ.incrementAndGet() + "x" + System.nanoTime() % 100000;
        AuditActor.runAs("test", () -> administration.createWithPassword(username, "Test User", null, List.of(role), PASSWORD, false));
        return username;
    }

    private MvcResult signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(r -> { r.setRemoteAddr(address); return r; })).andReturn();
    }

    private MockHttpSession signedIn(String username) throws Exception {
        MvcResult r = signIn(username, PASSWORD, "127.0.0.1");
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    @Test
    void aWrongPasswordIsRefusedWithTheSameWordsAsAnUnknownUser() throws Exception {
        String user = newUser("CASHIER");
        MvcResult wrong = signIn(user, "not-the-password", "127.0.0.2");
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        MockHttpSession session = (MockHttpSession) wrong.getRequest().getSession();
        mvc.perform(get("/login").param("error", "").session(session))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong user name or password.")));
        MvcResult unknown = signIn("nobody-" + System.nanoTime(), "whatever-it-is", "127.0.0.2");
        MockHttpSession session2 = (MockHttpSession) unknown.getRequest().getSession();
        mvc.perform(get("/login").param("error", "").session(session2))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong user name or password.")));
    }

    @Test
    void fiveFailuresFromOneAddressMakeThatAddressWaitButNotTheRealUserElsewhere() throws Exception {
        String user = newUser("CASHIER");
        for (int i = 0; i < 5; i++) {
            signIn(user, "guess-" + i, "127.0.0.66");
        }
        MvcResult throttled = signIn(user, PASSWORD, "127.0.0.66");
        assertThat(throttled.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        Object ex = throttled.getRequest().getSession().getAttribute("SPRING_SECURITY_LAST_EXCEPTION");
        assertThat(((Exception) ex).getMessage()).startsWith("Too many failed sign-ins. Try again after");

        assertThat(signIn(user, PASSWORD, "127.0.0.67").getResponse().getRedirectedUrl()).isEqualTo("/");

        clock.advance(Duration.ofMinutes(2));
        assertThat(signIn(user, PASSWORD, "127.0.0.66").getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndNothingIsSaved() throws Exception {
        MockHttpSession admin = signedIn(newUser("ADMINISTRATOR"));
        String username = "nocsrf" + System.nanoTime() % 1000000;
        mvc.perform(post("/admin/users").session(admin).param("username", username)
                        .param("displayName", "No Token").param("roles", "CASHIER"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from staff_user where username = ?").param(username)
                .query(Long.class).single()).isZero();
        mvc.perform(post("/api/v1/staff-users").session(admin).contentType("application/json")
                        .content("{\"username\":\"" + username + "\",\"displayName\":\"X\",\"roles\":[\"CASHIER\"]}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Missing or invalid CSRF token"));
    }

    @Test
    void disablingAUserEndsTheirSessionAtTheNextRequest() throws Exception {
        String clerk = newUser("CUSTOMER_SERVICE_SPECIALIST");
        MockHttpSession clerkSession = signedIn(clerk);
        mvc.perform(get("/").session(clerkSession)).andExpect(status().isOk());

        MockHttpSession admin = signedIn(newUser("ADMINISTRATOR"));
        long id = jdbc.sql("select id from staff_user where username = ?").param(clerk).query(Long.class).single();
        mvc.perform(post("/admin/users/" + id + "/disable").session(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/").session(clerkSession)).andExpect(redirectedUrl("/login?disabled"));
        assertThat(signIn(clerk, PASSWORD, "127.0.0.1").getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLimitHoweverBusyItIs() throws Exception {
        MockHttpSession session = signedIn(newUser("CASHIER"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        clock.advance(Duration.ofHours(12).plusMinutes(1));
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void aNewUserMustChangeTheTemporaryPasswordBeforeAnythingElse() throws Exception {
        MockHttpSession admin = signedIn(newUser("ADMINISTRATOR"));
        String username = "fresh" + System.nanoTime() % 1000000;
        String body = mvc.perform(post("/api/v1/staff-users").session(admin).with(csrf()).contentType("application/json")
                        .content("{\"username\":\"" + username + "\",\"displayName\":\"Fresh Person\",\"roles\":[\"CASHIER\"]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String temporary = body.replaceAll(".*\"temporaryPassword\":\"([^\"]+)\".*", "$1");

        MvcResult first = signIn(username, temporary, "127.0.0.1");
        MockHttpSession session = (MockHttpSession) first.getRequest().getSession(false);
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password?required"));

        mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", temporary)
                        .param("newPassword", "short").param("confirmPassword", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("at least 12 characters")));
        // an instant PostgreSQL rounds up to the next microsecond must not end the session that changed the password
        clock.set(clock.instant().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusNanos(999_999_600));
        mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", temporary)
                        .param("newPassword", "a-much-better-secret").param("confirmPassword", "a-much-better-secret"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndRefuseFraming() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void healthIsOpenToAllButOtherActuatorEndpointsAreNot() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/actuator/metrics").session(signedIn(newUser("CASHIER")))).andExpect(status().isForbidden());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/me']").exists());
    }

    @Test
    void theApiAnswersProblemsNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/staff-users").with(org.springframework.security.test.web.servlet.request
                                .SecurityMockMvcRequestPostProcessors.httpBasic("admin", "civicdesk-demo"))
                        .contentType("application/json")
                        .content("{\"username\":\"9bad name\",\"displayName\":\"\",\"roles\":[\"KING\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.code").value("identity.user-invalid"))
                .andExpect(jsonPath("$.errors[?(@.field == 'username')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'displayName')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'roles')].reason").value("Unknown role KING."));
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(header().doesNotExist("WWW-Authenticate"));
    }

    @Test
    void aRoleWithoutThePermissionIsRefusedThePage() throws Exception {
        MockHttpSession cashier = signedIn(newUser("CASHIER"));
        mvc.perform(get("/admin/users").session(cashier)).andExpect(status().isForbidden());
        mvc.perform(get("/audit").session(cashier)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/staff-users").session(cashier)).andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"));
    }
}
