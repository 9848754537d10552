package org.civicdesk.customer.internal.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.CasePriority;
import org.civicdesk.customer.CaseStatus;
import org.civicdesk.customer.CaseType;
import org.civicdesk.customer.Cases;
import org.civicdesk.customer.Contacts;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class CaseworkTests {

    private static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");

    @Autowired JdbcClient jdbc;
    @Autowired Cases cases;
    @Autowired Contacts contacts;
    @Autowired SettableClock clock;
    @Autowired MockMvc mvc;
    @Autowired java.util.List<AccountScreenSection> sections;

    @AfterEach
    void realTime() {
        clock.set(Instant.now());
    }

    private long auditCount(String accountNumber, String action) {
        return jdbc.sql("select count(*) from audit_event where record_type = 'account' and record_id = ? and action = ?")
                .params(accountNumber, action).query(Long.class).single();
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "CASE_MANAGE"})
    void each_case_type_is_due_its_business_days_after_opening_skipping_the_weekend() {
        clock.set(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, PHOENIX).toInstant()); // a Thursday
        var account = TestAccounts.create(jdbc, "en", false, null);
        var inquiry = cases.open(account.accountId(), new Cases.NewCase(CaseType.INQUIRY, null, "Why two bills?", null, null, null));
        var complaint = cases.open(account.accountId(), new Cases.NewCase(CaseType.COMPLAINT, CasePriority.HIGH, "Rude meter reader", null, null, null));
        var dispute = cases.open(account.accountId(), new Cases.NewCase(CaseType.BILLING_DISPUTE, null, "Usage too high", null, null, Money.of("84.50")));
        var request = cases.open(account.accountId(), new Cases.NewCase(CaseType.SERVICE_REQUEST, null, "Check meter box", null, null, null));

        assertThat(inquiry.dueOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(complaint.dueOn()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(dispute.dueOn()).isEqualTo(LocalDate.of(2026, 12, 10));
        assertThat(request.dueOn()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(inquiry.owner()).isEqualTo("csr");
        assertThat(inquiry.priority()).isEqualTo(CasePriority.NORMAL);
        assertThat(auditCount(account.accountNumber(), "case-opened")).isEqualTo(4);

        clock.set(ZonedDateTime.of(2026, 12, 2, 9, 0, 0, 0, PHOENIX).toInstant());
        assertThat(cases.find(inquiry.id()).overdue()).isTrue();
        assertThat(cases.find(complaint.id()).overdue()).isFalse();
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "CASE_MANAGE"})
    void a_billing_dispute_needs_a_positive_disputed_amount_and_nothing_is_written_without_one() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        assertThatThrownBy(() -> cases.open(account.accountId(),
                new Cases.NewCase(CaseType.BILLING_DISPUTE, null, "High bill", null, null, null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("disputedAmount"));
        assertThatThrownBy(() -> cases.open(account.accountId(),
                new Cases.NewCase(CaseType.BILLING_DISPUTE, null, "High bill", null, null, Money.of("-5.00"))))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> cases.open(account.accountId(),
                new Cases.NewCase(CaseType.BILLING_DISPUTE, null, "High bill", null, null, Money.ZERO)))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThat(cases.forAccount(account.accountId())).isEmpty();
        assertThat(auditCount(account.accountNumber(), "case-opened")).isZero();
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "CASE_MANAGE"})
    void the_open_disputed_amount_counts_only_disputes_not_yet_resolved_and_a_reopened_dispute_counts_again() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        var first = cases.open(account.accountId(), new Cases.NewCase(CaseType.BILLING_DISPUTE, null, "October bill", null, null, Money.of("84.50")));
        cases.open(account.accountId(), new Cases.NewCase(CaseType.BILLING_DISPUTE, null, "November bill", null, null, Money.of("15.25")));
        cases.open(account.accountId(), new Cases.NewCase(CaseType.INQUIRY, null, "Question", null, null, null));
        assertThat(cases.openDisputedAmount(account.accountId())).isEqualTo(Money.of("99.75"));

        cases.changeStatus(first.id(), CaseStatus.IN_PROGRESS, null);
        assertThat(cases.openDisputedAmount(account.accountId())).isEqualTo(Money.of("99.75"));
        assertThatThrownBy(() -> cases.changeStatus(first.id(), CaseStatus.RESOLVED, null))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.code()).isEqualTo("case.resolution-required"));
        var resolved = cases.changeStatus(first.id(), CaseStatus.RESOLVED, "Meter re-read; bill was correct");
        assertThat(resolved.resolvedBy()).isEqualTo("csr");
        assertThat(cases.openDisputedAmount(account.accountId())).isEqualTo(Money.of("15.25"));

        var reopened = cases.changeStatus(first.id(), CaseStatus.OPEN, null);
        assertThat(reopened.resolution()).isNull();
        assertThat(cases.openDisputedAmount(account.accountId())).isEqualTo(Money.of("99.75"));
        assertThat(auditCount(account.accountNumber(), "case-reopened")).isEqualTo(1);
        assertThat(auditCount(account.accountNumber(), "case-resolved")).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "CUSTOMER_EDIT"})
    void a_contact_is_logged_with_its_reason_and_audited_and_a_reason_is_required() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        assertThatThrownBy(() -> contacts.log(account.accountId(),
                new Contacts.NewContact(Contacts.Channel.PHONE, null, " ", "called", null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("reason"));
        var logged = contacts.log(account.accountId(),
                new Contacts.NewContact(Contacts.Channel.WALK_IN, null, "High bill", "Brought the bill", null));
        assertThat(logged.direction()).isEqualTo(Contacts.Direction.INBOUND);
        assertThat(contacts.recentForAccount(account.accountId(), 10)).extracting(Contacts.Contact::reason)
                .containsExactly("High bill");
        assertThat(auditCount(account.accountNumber(), "contact-logged")).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "CUSTOMER_EDIT"})
    void a_contact_may_point_only_at_a_verification_of_the_accounts_customer() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        var other = TestAccounts.create(jdbc, "en", false, null);
        long theirs = jdbc.sql("""
                insert into identity_verification (customer_id, account_id, channel, method, verified_at, verified_by)
                values (?, ?, 'PHONE', 'ACCOUNT_DETAILS', now(), 'csr') returning id""")
                .params(other.customerId(), other.accountId()).query(Long.class).single();
        long ours = jdbc.sql("""
                insert into identity_verification (customer_id, account_id, channel, method, verified_at, verified_by)
                values (?, ?, 'PHONE', 'ACCOUNT_DETAILS', now(), 'csr') returning id""")
                .params(account.customerId(), account.accountId()).query(Long.class).single();
        assertThatThrownBy(() -> contacts.log(account.accountId(),
                new Contacts.NewContact(Contacts.Channel.PHONE, null, "Billing question", null, theirs)))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThat(contacts.log(account.accountId(),
                new Contacts.NewContact(Contacts.Channel.PHONE, null, "Billing question", null, ours)).verificationId())
                .isEqualTo(ours);
    }

    @Test
    void contacts_and_cases_through_the_api_with_permissions() throws Exception {
        var account = TestAccounts.create(jdbc, "en", false, null);
        String base = "/api/v1/accounts/" + account.accountNumber();
        mvc.perform(post(base + "/contacts").with(httpBasic("csr", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"PHONE\",\"reason\":\"High bill\",\"notes\":\"Asked about usage\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.reason").value("High bill"));
        mvc.perform(get(base + "/contacts").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].notes").value("Asked about usage"));
        mvc.perform(post(base + "/contacts").with(httpBasic("cashier", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"PHONE\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());

        mvc.perform(post(base + "/cases").with(httpBasic("csr", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"BILLING_DISPUTE\",\"subject\":\"Usage\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("disputedAmount"));
        String created = mvc.perform(post(base + "/cases").with(httpBasic("csr", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"BILLING_DISPUTE\",\"subject\":\"Usage\",\"disputedAmount\":42.10}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.disputedAmount").value(42.10))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) com.jayway.jsonpath.JsonPath.read(created, "$.id")).longValue();

        mvc.perform(patch("/api/v1/cases/" + id).with(httpBasic("csr", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"RESOLVED\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("resolution"));
        mvc.perform(patch("/api/v1/cases/" + id).with(httpBasic("cashier", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"IN_PROGRESS\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/v1/cases/" + id).with(httpBasic("csr", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"RESOLVED\",\"resolution\":\"Credit of $42.10 applied\",\"note\":\"Spoke with customer\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESOLVED"));
        mvc.perform(get("/api/v1/cases/" + id + "/notes").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(jsonPath("$[0].note").value("Spoke with customer"));
        mvc.perform(get(base + "/cases").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].resolution").value("Credit of $42.10 applied"));
        mvc.perform(get("/api/v1/accounts/0000000000/cases").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isNotFound());
    }

    @Test
    void the_pages_log_a_contact_open_a_case_and_show_the_queue() throws Exception {
        var account = TestAccounts.create(jdbc, "en", false, null);
        String n = account.accountNumber();
        mvc.perform(get("/accounts/" + n + "/contacts/new").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Log a contact")));
        mvc.perform(post("/accounts/" + n + "/contacts/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("channel", "PHONE").param("reason", "Other").param("otherReason", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"otherReason-error\"")));
        mvc.perform(post("/accounts/" + n + "/contacts/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("channel", "PHONE").param("reason", "Water leak").param("notes", "Leak at the meter box"))
                .andExpect(redirectedUrl("/accounts/" + n));
        assertThat(contacts.recentForAccount(account.accountId(), 5)).extracting(Contacts.Contact::reason)
                .containsExactly("Water leak");

        mvc.perform(post("/accounts/" + n + "/cases/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("type", "BILLING_DISPUTE").param("priority", "HIGH").param("subject", "Usage doubled")
                        .param("disputedAmount", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"disputedAmount-error\"")));
        String location = mvc.perform(post("/accounts/" + n + "/cases/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("type", "COMPLAINT").param("priority", "HIGH").param("subject", "Missed pickup " + n))
                .andExpect(redirectedUrlPattern("/cases/*")).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Missed pickup " + n)));
        mvc.perform(post(location + "/status").with(httpBasic("csr", "civicdesk-demo")).with(csrf()).param("status", "RESOLVED"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"resolution-error\"")));
        mvc.perform(get("/cases").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Missed pickup " + n)));
        mvc.perform(get("/cases?view=all").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Missed pickup " + n)));
        mvc.perform(get("/accounts/" + n + "/cases/new").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "CUSTOMER_EDIT", "CASE_MANAGE"})
    void the_account_screen_sections_show_contacts_and_cases_in_order() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        contacts.log(account.accountId(), new Contacts.NewContact(Contacts.Channel.WEB, null, "Start service", null, null));
        var contactsSection = sections.stream().filter(s -> s.selector().equals("contacts")).findFirst().orElseThrow();
        var casesSection = sections.stream().filter(s -> s.selector().equals("cases")).findFirst().orElseThrow();
        assertThat(contactsSection.order()).isEqualTo(50);
        assertThat(casesSection.order()).isEqualTo(60);
        assertThat(((CaseworkSections.ContactsData) contactsSection.data(account.accountId())).contacts()).hasSize(1);
        assertThat(((CaseworkSections.CasesData) casesSection.data(account.accountId())).canOpen()).isTrue();
    }

    @Test
    @WithMockUser(username = "nobody", authorities = {"LEDGER_VIEW"})
    void the_sections_are_hidden_from_a_user_without_customer_view() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        assertThat(sections).filteredOn(s -> s.order() >= 50 && s.order() <= 70)
                .allSatisfy(s -> assertThat(s.data(account.accountId())).isNull());
    }
}
