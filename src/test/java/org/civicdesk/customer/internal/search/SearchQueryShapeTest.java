package org.civicdesk.customer.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.customer.AccountSearchKind.ACCOUNT_NUMBER;
import static org.civicdesk.customer.AccountSearchKind.ADDRESS;
import static org.civicdesk.customer.AccountSearchKind.EMAIL;
import static org.civicdesk.customer.AccountSearchKind.NAME;
import static org.civicdesk.customer.AccountSearchKind.PHONE;

import org.junit.jupiter.api.Test;

class SearchQueryShapeTest {

    @Test
    void ten_digits_are_an_account_number_or_a_phone_whatever_the_punctuation() {
        assertThat(SearchQueryShape.of("(480) 555-1234").kinds()).containsExactly(ACCOUNT_NUMBER, PHONE);
        assertThat(SearchQueryShape.of("(480) 555-1234").digits()).isEqualTo("4805551234");
        assertThat(SearchQueryShape.of("1-480-555-1234").kinds()).containsExactly(PHONE);
        assertThat(SearchQueryShape.of("1-480-555-1234").digits()).isEqualTo("4805551234");
    }

    @Test
    void seven_digits_are_a_phone_without_area_code_first_then_an_account_number_prefix() {
        assertThat(SearchQueryShape.of("555-1234").kinds()).containsExactly(PHONE, ACCOUNT_NUMBER);
    }

    @Test
    void nine_or_fewer_digits_are_an_account_number_without_check_digit_or_its_beginning() {
        assertThat(SearchQueryShape.of("100000001").kinds()).containsExactly(ACCOUNT_NUMBER);
        assertThat(SearchQueryShape.of("1000").kinds()).containsExactly(ACCOUNT_NUMBER);
    }

    @Test
    void an_at_sign_means_an_e_mail_address_in_lower_case() {
        SearchQueryShape shape = SearchQueryShape.of("  Maria.Garcia@Example.COM ");
        assertThat(shape.kinds()).containsExactly(EMAIL);
        assertThat(shape.text()).isEqualTo("maria.garcia@example.com");
    }

    @Test
    void a_house_number_and_words_are_an_address_with_the_number_apart() {
        SearchQueryShape shape = SearchQueryShape.of("1234 E. Main St.");
        assertThat(shape.kinds()).containsExactly(ADDRESS, NAME);
        assertThat(shape.houseNumber()).isEqualTo("1234");
        assertThat(shape.street()).isEqualTo("e main st");
    }

    @Test
    void words_are_a_name_unless_they_read_like_a_street() {
        assertThat(SearchQueryShape.of("María  García").kinds()).containsExactly(NAME, ADDRESS);
        assertThat(SearchQueryShape.of("María  García").text()).isEqualTo("maria garcia");
        assertThat(SearchQueryShape.of("E Main").kinds()).containsExactly(ADDRESS, NAME);
        assertThat(SearchQueryShape.of("Hermosa Vista Dr").kinds()).containsExactly(ADDRESS, NAME);
    }

    @Test
    void a_blank_query_looks_for_nothing() {
        assertThat(SearchQueryShape.of("   ").kinds()).isEmpty();
        assertThat(SearchQueryShape.of(null).kinds()).isEmpty();
    }
}
