package org.civicdesk.customer.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.AccountSearch;
import org.civicdesk.customer.AccountSearchHit;
import org.civicdesk.customer.AccountSearchKind;
import org.civicdesk.customer.internal.demo.DemoCityLoader;
import org.civicdesk.customer.internal.demo.DemoCityPlan;
import org.civicdesk.platform.SearchProvider;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class AccountSearchTests {

    @Autowired
    AccountSearch search;

    @Autowired
    AccountSearchProvider provider;

    @Autowired
    DemoCityLoader loader;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    String tag;
    Row person;

    record Row(String accountNumber, String firstName, String lastName, String line1, String phone, String email) {
    }

    @BeforeEach
    void loadACityOfOurOwn() {
        long n = System.nanoTime();
        StringBuilder b = new StringBuilder("S");
        for (int i = 0; i < 8; i++) {
            b.append((char) ('a' + (n % 26)));
            n /= 26;
        }
        tag = b.toString();
        AuditActor.runAs("system:test", () -> loader.load(new DemoCityPlan(9090, 150, LocalDate.of(2026, 11, 26), tag)));
        person = jdbc.sql("""
                select a.account_number, c.first_name, c.last_name, p.address_line1,
                       (select digits from customer_phone ph where ph.customer_id = c.id limit 1) as phone,
                       (select address from customer_email e where e.customer_id = c.id limit 1) as email
                  from account a join customer c on c.id = a.customer_id
                  join service_agreement sa on sa.account_id = a.id and sa.end_date is null
                  join premise p on p.id = sa.premise_id
                 where p.address_line1 like :p and p.unit is null and c.kind = 'PERSON' and a.status = 'ACTIVE'
                   and exists (select 1 from customer_phone ph where ph.customer_id = c.id)
                   and exists (select 1 from customer_email e where e.customer_id = c.id)
                 order by a.account_number limit 1
                """).param("p", "% " + tag + " %")
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).single();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private List<String> numbers(String query) {
        return search.search(query, 50).stream().map(AccountSearchHit::accountNumber).toList();
    }

    @Test
    void finds_an_account_by_its_whole_number_without_its_check_digit_and_by_its_first_digits() {
        assertThat(numbers(person.accountNumber())).first().isEqualTo(person.accountNumber());
        assertThat(numbers(person.accountNumber().substring(0, 9))).first().isEqualTo(person.accountNumber());
        String prefix = person.accountNumber().substring(0, 6);
        assertThat(numbers(prefix)).isNotEmpty().allSatisfy(a -> assertThat(a).startsWith(prefix));
    }

    @Test
    void finds_a_customer_by_name_with_a_typo_in_it() {
        String last = person.lastName();
        String typo = last.substring(0, 2) + last.substring(3);
        List<AccountSearchHit> hits = search.search(person.firstName() + " " + typo, 50);
        assertThat(hits).extracting(AccountSearchHit::accountNumber).contains(person.accountNumber());
        assertThat(hits).filteredOn(h -> h.accountNumber().equals(person.accountNumber()))
                .allSatisfy(h -> {
                    assertThat(h.matchedBy()).isEqualTo(AccountSearchKind.NAME);
                    assertThat(h.href()).isEqualTo("/accounts/" + person.accountNumber());
                    assertThat(h.serviceAddress()).startsWith(person.line1());
                });
    }

    @Test
    void finds_a_customer_by_name_with_two_letters_of_the_first_name_swapped() {
        String first = person.firstName();
        String swapped = first.charAt(0) + "" + first.charAt(2) + first.charAt(1) + first.substring(3);
        assertThat(numbers(swapped + " " + person.lastName())).contains(person.accountNumber());
    }

    @Test
    void finds_a_customer_by_name_with_a_letter_of_the_last_name_doubled_or_replaced() {
        String last = person.lastName();
        String doubled = last.substring(0, 2) + last.charAt(1) + last.substring(2);
        String replaced = last.substring(0, last.length() - 1) + (last.endsWith("q") ? "x" : "q");
        assertThat(numbers(person.firstName() + " " + doubled)).contains(person.accountNumber());
        assertThat(numbers(person.firstName() + " " + replaced)).contains(person.accountNumber());
    }

    @Test
    void finds_a_customer_by_name_with_the_first_two_letters_of_the_last_name_swapped() {
        String last = person.lastName();
        String swapped = last.charAt(1) + "" + last.charAt(0) + last.substring(2);
        assertThat(numbers(person.firstName() + " " + swapped)).contains(person.accountNumber());
    }

    @Test
    void a_last_name_alone_finds_people_of_that_name_first_and_with_a_typo_too() {
        String last = person.lastName();
        assertThat(search.search(last, 20)).isNotEmpty()
                .first().satisfies(h -> assertThat(h.customerName()).containsIgnoringCase(last));
        String typo = last.substring(0, 2) + last.substring(3);
        assertThat(search.search(typo, 50)).extracting(AccountSearchHit::customerName)
                .anySatisfy(name -> assertThat(name).containsIgnoringCase(last));
    }

    @Test
    void an_exact_name_ranks_first() {
        String name = person.firstName() + " " + person.lastName();
        assertThat(search.search(name.toUpperCase(), 20)).isNotEmpty()
                .allSatisfy(h -> assertThat(h.matchedBy()).isEqualTo(AccountSearchKind.NAME))
                .first().satisfies(h -> assertThat(h.customerName()).isEqualToIgnoringCase(name));
    }

    @Test
    void a_name_whose_words_are_both_not_exact_is_still_found_by_trigram_similarity() {
        assertThat(numbers(person.lastName() + " " + person.firstName())).contains(person.accountNumber());
    }

    @Test
    void finds_an_account_by_house_number_and_street_or_a_fragment_of_the_street() {
        String line1 = person.line1();
        String withoutType = line1.substring(0, line1.lastIndexOf(' '));
        assertThat(numbers(withoutType)).contains(person.accountNumber());
        String streetOnly = line1.substring(line1.indexOf(' ') + 1);
        assertThat(numbers(streetOnly + " " + tag)).isNotEmpty();
        assertThat(numbers(line1.toLowerCase().replace(" ", "  "))).first().isEqualTo(person.accountNumber());
    }

    @Test
    void finds_an_account_by_phone_in_any_punctuation_with_or_without_area_code() {
        String p = person.phone();
        assertThat(numbers("(" + p.substring(0, 3) + ") " + p.substring(3, 6) + "-" + p.substring(6)))
                .contains(person.accountNumber());
        assertThat(numbers(p.substring(3, 6) + "-" + p.substring(6))).contains(person.accountNumber());
    }

    @Test
    void finds_an_account_by_e_mail_in_any_case() {
        assertThat(numbers(person.email().toUpperCase())).containsExactly(person.accountNumber());
    }

    @Test
    void the_global_search_box_shows_accounts_only_to_staff_who_may_view_customers() {
        String query = person.accountNumber();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "someone", "n/a", List.of(new SimpleGrantedAuthority("STAFF_HOME"))));
        assertThat(provider.search(query, 20)).isEmpty();

        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "someone", "n/a", List.of(new SimpleGrantedAuthority("STAFF_HOME"),
                        new SimpleGrantedAuthority("CUSTOMER_VIEW"))));
        List<SearchProvider.SearchHit> hits = provider.search(query, 20);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.href()).isEqualTo("/accounts/" + person.accountNumber());
            assertThat(h.title()).contains(person.lastName());
        });
        assertThat(provider.category()).isEqualTo("Accounts");
    }

    @Test
    void the_search_api_answers_staff_who_may_view_customers_and_refuses_others() throws Exception {
        mvc.perform(get("/api/v1/search").param("q", person.email()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].accountNumber").value(person.accountNumber()))
                .andExpect(jsonPath("$.hits[0].href").value("/accounts/" + person.accountNumber()))
                .andExpect(jsonPath("$.hits[0].matchedBy").value("EMAIL"));
        mvc.perform(get("/api/v1/search").param("q", person.email()).with(httpBasic("cemetery", "civicdesk-demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/search").param("q", person.email())).andExpect(status().isUnauthorized());
    }
}
