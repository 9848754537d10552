package org.civicdesk.customer.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.customer.internal.accounts.CustomerFixture.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.customer.AccountChange;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.Customers;
import org.civicdesk.customer.NewCustomer;
import org.civicdesk.customer.Phone;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

@CivicDeskTest
class AccountsAndPiiTests {

    @Autowired Customers customers;
    @Autowired Premises premises;
    @Autowired Accounts accounts;
    @Autowired ServiceLifecycle lifecycle;
    @Autowired JdbcClient jdbc;
    @Autowired SettableClock clock;

    @BeforeEach
    void signInAsSpecialist() {
        signIn("csr", Permission.CUSTOMER_VIEW, Permission.CUSTOMER_EDIT, Permission.SERVICE_START_STOP);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private CustomerDetails customerWithIdentifiers(String docNumber, String taxId) {
        return customers.create(new NewCustomer("PERSON", "Rosa", "Pii" + unique(), null, "en", LocalDate.of(1979, 3, 9),
                taxId, null, List.of(), List.of(), List.of(licence(docNumber, null))));
    }

    private AccountNumber openAccount() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        return new AccountNumber(lifecycle.start(startNew(person("Acct" + unique(), licence("D" + unique(), null)), p.id(),
                LocalDate.now(clock), "WATER")).accountNumber());
    }

    @Test
    void personalIdentifiersAreEncryptedAtRestAndNeverStoredInClear() {
        String docNumber = "D" + unique();
        String taxId = "6" + unique().substring(unique().length() - 8);
        CustomerDetails c = customerWithIdentifiers(docNumber, taxId);
        String customerRow = jdbc.sql("select row_to_json(c)::text from customer c where id = :id").param("id", c.id())
                .query(String.class).single();
        String documentRow = jdbc.sql("select row_to_json(d)::text from customer_identity_document d where customer_id = :id")
                .param("id", c.id()).query(String.class).single();
        byte[] stored = jdbc.sql("select number_enc from customer_identity_document where customer_id = :id")
                .param("id", c.id()).query(byte[].class).single();
        assertThat(customerRow).doesNotContain(taxId).doesNotContain("1979-03-09");
        assertThat(documentRow).doesNotContain(docNumber);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(docNumber);
    }

    @Test
    void identifiersAreShownMaskedToTheLastFourCharacters() {
        CustomerDetails c = customerWithIdentifiers("D12345678", "123-45-6789");
        assertThat(c.taxIdMasked()).isEqualTo("****6789");
        assertThat(c.dateOfBirthMasked()).doesNotContain("1979");
        assertThat(c.documents()).singleElement().satisfies(d -> assertThat(d.numberMasked()).isEqualTo("****5678"));
    }

    @Test
    void aRevealShowsTheClearValueAndIsAudited() {
        String docNumber = "D" + unique();
        CustomerDetails c = customerWithIdentifiers(docNumber, "123456789");
        signIn("senior", Permission.CUSTOMER_VIEW, Permission.PII_REVEAL);
        long docId = c.documents().get(0).id();
        assertThat(customers.reveal(c.id(), "document:" + docId)).isEqualTo(docNumber);
        assertThat(customers.reveal(c.id(), "taxId")).isEqualTo("123456789");
        assertThat(customers.reveal(c.id(), "dateOfBirth")).isEqualTo("1979-03-09");
        assertThat(jdbc.sql("""
                select count(*) from audit_event where action = 'revealed' and actor = 'senior'
                  and ((record_type = 'customer' and record_id = :c) or (record_type = 'customer_identity_document' and record_id = :d))
                """).param("c", Long.toString(c.id())).param("d", Long.toString(docId)).query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void aRevealIsRefusedWithoutPiiRevealAndNothingIsAudited() {
        CustomerDetails c = customerWithIdentifiers("D" + unique(), "123456789");
        assertThatThrownBy(() -> customers.reveal(c.id(), "taxId")).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'revealed' and record_id = :c")
                .param("c", Long.toString(c.id())).query(Integer.class).single()).isZero();
    }

    @Test
    void aCustomerIsFoundByTheBlindIndexOfTheirDocumentHoweverItIsTyped() {
        String u = unique();
        CustomerDetails c = customerWithIdentifiers("D-" + u, null);
        assertThat(customers.findByIdentityDocument("d " + u)).containsExactly(c.id());
    }

    @Test
    void aDueDayOutOfRangeIsRefusedAndNothingIsWritten() {
        AccountNumber n = openAccount();
        assertThatThrownBy(() -> accounts.change(n, new AccountChange(null, 29, true, null, null, null, null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("billDueDay")));
        AccountDetails a = accounts.account(n);
        assertThat(a.billDueDay()).isNull();
        assertThat(a.paperless()).isFalse();
        assertThat(accounts.history(n, 50)).extracting(Accounts.HistoryEntry::action).doesNotContain("changed");
    }

    @Test
    void aBadPhoneOrEmailIsRefusedNamingEachField() {
        AccountNumber n = openAccount();
        assertThatThrownBy(() -> accounts.change(n, new AccountChange(null, null, null, null,
                List.of(new Phone("MOBILE", "12")), List.of("not-an-address"), null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field).containsExactly("phones[0]", "emails[0]"));
        assertThat(customers.customer(accounts.account(n).customerId()).phones()).extracting(Phone::digits)
                .containsExactly("4805550101");
    }

    @Test
    void anAccountChangeIsAuditedWithBeforeAndAfterInTheAccountsHistory() {
        AccountNumber n = openAccount();
        accounts.change(n, new AccountChange(new Address("77 W University Dr", "Apt 4", "Mesa", "az", "85201"), 15, true, "es",
                List.of(new Phone("HOME", "480-555-0199")), List.of("new@example.org"), null));
        AccountDetails a = accounts.account(n);
        assertThat(a.mailing().line1()).isEqualTo("77 W University Dr");
        assertThat(a.mailing().state()).isEqualTo("AZ");
        assertThat(a.billDueDay()).isEqualTo(15);
        assertThat(a.paperless()).isTrue();
        assertThat(customers.customer(a.customerId()).phones()).extracting(Phone::digits).containsExactly("4805550199");
        assertThat(accounts.history(n, 50)).filteredOn(h -> h.action().equals("changed")).singleElement()
                .satisfies(h -> assertThat(h.detail()).contains("77 W University Dr"));
        String before = jdbc.sql("select before_state::text from audit_event where record_type = 'account' and record_id = :n and action = 'changed'")
                .param("n", n.value()).query(String.class).single();
        assertThat(before).contains("PO Box 1466");
    }

    @Test
    void alertsNeedAlertManageAndAreAuditedOnTheAccount() {
        AccountNumber n = openAccount();
        assertThatThrownBy(() -> accounts.addAlert(n, "CASH_ONLY", null, null, null)).isInstanceOf(AccessDeniedException.class);
        signIn("senior", Permission.CUSTOMER_VIEW, Permission.ALERT_MANAGE);
        AccountDetails a = accounts.addAlert(n, "CASH_ONLY", "two returned payments", null, null);
        assertThat(a.alerts()).singleElement().satisfies(al -> assertThat(al.type()).isEqualTo("CASH_ONLY"));
        assertThat(accounts.endAlert(n, a.alerts().get(0).id()).alerts()).isEmpty();
        assertThat(accounts.history(n, 50)).extracting(Accounts.HistoryEntry::action).contains("alert-added", "alert-ended");
    }

    @Test
    void authorisedPeopleAreAddedAndRemovedWithAudit() {
        AccountNumber n = openAccount();
        AccountDetails a = accounts.addAuthorizedPerson(n, "Luis Ortega", "spouse", "480 555 0123");
        assertThat(a.authorizedPeople()).singleElement().satisfies(p -> assertThat(p.phoneDigits()).isEqualTo("4805550123"));
        assertThat(accounts.removeAuthorizedPerson(n, a.authorizedPeople().get(0).id()).authorizedPeople()).isEmpty();
        assertThat(accounts.history(n, 50)).extracting(Accounts.HistoryEntry::action)
                .contains("authorized-person-added", "authorized-person-removed");
    }

    @Test
    void aCallerIsVerifiedForThirtyMinutesForTheUserWhoVerified() {
        AccountNumber n = openAccount();
        assertThat(accounts.currentVerification(n, "csr")).as("the identity check at the counter start").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(accounts.currentVerification(n, "csr")).isEmpty();
        accounts.verifyCaller(n, "PHONE", "ACCOUNT_DETAILS", null, null, "gave number and address");
        assertThat(accounts.currentVerification(n, "csr")).isPresent();
        assertThat(accounts.currentVerification(n, "senior")).isEmpty();
        clock.advance(Duration.ofMinutes(31));
        try {
            assertThat(accounts.currentVerification(n, "csr")).isEmpty();
        } finally {
            clock.advance(Duration.ofMinutes(-62));
        }
    }
}
