package org.civicdesk.customer.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameSwapsTest {

    @Test
    void every_pair_of_different_neighbouring_letters_is_swapped_once() {
        assertThat(JdbcAccountSearch.swaps("ab cd")).containsExactly("ba cd", "a bcd", "abc d", "ab dc");
    }

    @Test
    void doubled_letters_are_not_swapped_and_the_text_itself_is_never_a_swap() {
        assertThat(JdbcAccountSearch.swaps("ann lee")).doesNotContain("ann lee").contains("nan lee", "ann ele");
        assertThat(JdbcAccountSearch.swaps("aa")).containsExactly(" ");
    }
}
