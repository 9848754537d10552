package org.civicdesk.portal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * What a signed-in customer does about who they are (contact details, linking another account, the premises
 * they own), and what staff do to help from the account screen.
 */
@CivicDeskTest
class PortalProfileAndAssistTests extends PortalMvcSupport {

    MockHttpSession staff(String user) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", user).param("password", "civicdesk-demo"))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    @Test
    void contactChangesGoThroughTheCustomerModuleAuditedAsThePortalLogin() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("contact");
        long id = registeredLogin(a, email);
        MockHttpSession session = signedIn(email);
        mvc.perform(get("/portal/profile").session(session)).andExpect(status().isOk());
        mvc.perform(post("/portal/profile/accounts/" + a.accountNumber()).session(session).with(csrf())
                        .param("phone", "480-555-0142").param("email", "casa@example.org")
                        .param("line1", "PO Box 77").param("city", "Mesa").param("state", "AZ").param("zip", "85201")
                        .param("paperless", "true"))
                .andExpect(redirectedUrl("/portal/profile"));
        Map<String, Object> account = jdbc.sql("select mailing_line1, paperless from account where account_number = ?")
                .param(a.accountNumber()).query().singleRow();
        assertThat(account.get("mailing_line1")).isEqualTo("PO Box 77");
        assertThat(account.get("paperless")).isEqualTo(true);
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'account' and record_id = ? "
                + "and action = 'changed' and actor = ?").params(a.accountNumber(), "portal:" + id)
                .query(Long.class).single()).isEqualTo(1);

        mvc.perform(post("/portal/profile/accounts/" + a.accountNumber()).session(session).with(csrf())
                        .param("phone", "12").param("line1", "PO Box 77").param("city", "Mesa").param("state", "AZ")
                        .param("zip", "85201"))
                .andExpect(status().is(422))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("href=\"#phone-" + a.accountNumber() + "\"").contains("Enter a phone number of 7 to 15 digits"));

        // another customer's account is not found, and nothing changes there
        PortalFixture.BilledAccount other = PortalFixture.billedAccount(jdbc);
        mvc.perform(post("/portal/profile/accounts/" + other.accountNumber()).session(session).with(csrf())
                        .param("line1", "1 Stolen Way").param("city", "Mesa").param("state", "AZ").param("zip", "85201"))
                .andExpect(status().isNotFound())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("City of Mesa customer portal").doesNotContain(other.accountNumber()));
        assertThat(jdbc.sql("select mailing_line1 from account where account_number = ?").param(other.accountNumber())
                .query(String.class).single()).isNotEqualTo("1 Stolen Way");

        // the refusal named the fields: said in Spanish, each linked to its input (last here: ?lang=es is remembered)
        mvc.perform(post("/portal/profile/accounts/" + a.accountNumber()).session(session).with(csrf()).param("lang", "es")
                        .param("phone", "12").param("line1", "PO Box 77").param("city", "Mesa").param("state", "AZ")
                        .param("zip", "852"))
                .andExpect(status().is(422))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("href=\"#phone-" + a.accountNumber() + "\"").contains("Escriba un número de teléfono de 7 a 15 dígitos")
                        .contains("href=\"#zip-" + a.accountNumber() + "\"").contains("Escriba un código postal de 5 dígitos")
                        .doesNotContain("A ZIP code has"));
    }

    @Test
    void linksAnotherAccountOnlyWithItsFactsAndShowsOwnedPremises() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        PortalFixture.BilledAccount second = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("landlord");
        long id = registeredLogin(a, email);
        MockHttpSession session = signedIn(email);

        mvc.perform(post("/portal/link").session(session).with(csrf()).param("accountNumber", second.accountNumber())
                        .param("nameOnBill", second.name()).param("billAmount", "0.01"))
                .andExpect(status().is(422));
        mvc.perform(post("/portal/link").session(session).with(csrf()).param("accountNumber", second.accountNumber())
                        .param("nameOnBill", second.name()).param("billDate", second.lastBillDate().toString()))
                .andExpect(redirectedUrl("/portal"));
        String home = mvc.perform(get("/portal").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(home).contains(a.accountNumber()).contains(second.accountNumber());
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'portal_login' and record_id = ? "
                + "and action = 'account-linked' and actor = ?").params(Long.toString(id), "portal:" + id)
                .query(Long.class).single()).isEqualTo(1);

        // the customer of the first account owns a vacant duplex
        long customerId = jdbc.sql("select customer_id from account where account_number = ?").param(a.accountNumber())
                .query(Long.class).single();
        String street = System.nanoTime() + " E Landlord Ln";
        long premiseId = jdbc.sql("""
                insert into premise (address_line1, city, state, zip, premise_type, billing_cycle, route, services_available, created_at)
                values (?, 'Mesa', 'AZ', '85203', 'MULTI_UNIT', 4, 'R4', array['WATER','ELECTRIC'], ?) returning id""")
                .params(street, new Timestamp(System.currentTimeMillis())).query(Long.class).single();
        jdbc.sql("insert into premise_owner (premise_id, customer_id, role, since) values (?, ?, 'LANDLORD', ?)")
                .params(premiseId, customerId, LocalDate.of(2020, 1, 1)).update();
        String premises = mvc.perform(get("/portal/premises").session(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(premises).contains(street).contains("Landlord").contains("Vacant").contains("Electric");
    }

    @Test
    void staffSeePortalLoginsSendResetLinksUnlockAndUnlink() throws Exception {
        PortalFixture.BilledAccount a = PortalFixture.billedAccount(jdbc);
        String email = PortalFixture.uniqueEmail("helped");
        long id = registeredLogin(a, email);
        MockHttpSession customer = signedIn(email);

        MockHttpSession csr = staff("csr");
        String screen = mvc.perform(get("/accounts/" + a.accountNumber()).session(csr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(screen).contains("Portal access").contains(email).contains("Send reset link");

        int mailsBefore = PortalFixture.mails(jdbc, email).size();
        mvc.perform(post("/accounts/" + a.accountNumber() + "/portal-logins/" + id + "/reset-link").session(csr).with(csrf()))
                .andExpect(status().is3xxRedirection());
        List<Map<String, Object>> mails = PortalFixture.mails(jdbc, email);
        assertThat(mails).hasSize(mailsBefore + 1);
        assertThat(mails.get(mails.size() - 1).get("purpose")).isEqualTo("portal-reset");
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'account' and record_id = ? "
                + "and action = 'portal-reset-link-sent' and actor = 'csr'").param(a.accountNumber())
                .query(Long.class).single()).isEqualTo(1);

        // locked by wrong sign-ins from one address, then unlocked by the specialist
        String address = PortalFixture.uniqueAddress();
        for (int i = 0; i < 5; i++) {
            signIn(new MockHttpSession(), address, email, "wrong-" + i);
        }
        assertThat(signIn(new MockHttpSession(), address, email, PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/portal/sign-in?error=throttled");
        jdbc.sql("update portal_login set status = 'LOCKED' where id = ?").param(id).update();
        mvc.perform(post("/accounts/" + a.accountNumber() + "/portal-logins/" + id + "/unlock").session(csr).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(loginStatus(email)).isEqualTo("ACTIVE");
        assertThat(signIn(new MockHttpSession(), address, email, PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/portal");
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'portal_login' and record_id = ? "
                + "and action = 'unlocked' and actor = 'csr'").param(Long.toString(id)).query(Long.class).single())
                .isEqualTo(1);

        // a cashier may not help with portal logins
        MockHttpSession cashier = staff("cashier");
        mvc.perform(post("/accounts/" + a.accountNumber() + "/portal-logins/" + id + "/unlink").session(cashier).with(csrf()))
                .andExpect(status().isForbidden());
        // a login of another account cannot be touched through this one
        PortalFixture.BilledAccount other = PortalFixture.billedAccount(jdbc);
        mvc.perform(post("/accounts/" + other.accountNumber() + "/portal-logins/" + id + "/unlink").session(csr).with(csrf()))
                .andExpect(status().isNotFound());

        mvc.perform(post("/accounts/" + a.accountNumber() + "/portal-logins/" + id + "/unlink").session(csr).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/portal").session(customer)).andReturn().getResponse().getContentAsString())
                .doesNotContain(a.accountNumber());
        String after = mvc.perform(get("/accounts/" + a.accountNumber()).session(csr)).andReturn().getResponse()
                .getContentAsString();
        String section = after.substring(after.indexOf("id=\"portal-access-heading\""));
        assertThat(section.substring(0, section.indexOf("</section>"))).doesNotContain(email)
                .contains("No portal login sees this account.");
    }
}
