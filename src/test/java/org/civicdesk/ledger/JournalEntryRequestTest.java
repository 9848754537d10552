package org.civicdesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.ledger.JournalLineRequest.credit;
import static org.civicdesk.ledger.JournalLineRequest.debit;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;

class JournalEntryRequestTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    private static JournalEntryRequest entry(JournalLineRequest... lines) {
        return new JournalEntryRequest("key-1", DAY, "manual", "memo", List.of(lines));
    }

    @Test
    void anEntryThatDoesNotBalanceCannotBeBuilt() {
        assertThatThrownBy(() -> entry(debit("WATER", "1010", Money.of("10.00")), credit("WATER", "4010", Money.of("9.99"))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("ledger.unbalanced");
                    assertThat(e.problems().get(0).field()).isEqualTo("lines");
                    assertThat(e.problems().get(0).reason()).contains("10.00", "9.99", "WATER");
                });
    }

    @Test
    void everyFundOfAnEntryBalancesOnItsOwn() {
        assertThatThrownBy(() -> entry(debit("WATER", "1010", Money.of("10.00")), credit("GAS", "4010", Money.of("10.00"))))
                .isInstanceOf(BusinessRuleViolation.class)
                .hasMessageContaining("in fund GAS");
        assertThat(entry(debit("WATER", "1010", Money.of("10.00")), credit("WATER", "4010", Money.of("10.00")),
                debit("GAS", "1010", Money.of("3.00")), credit("GAS", "4010", Money.of("3.00"))).funds())
                .containsExactly("GAS", "WATER");
    }

    @Test
    void anEntryHasAtLeastTwoLines() {
        assertThatThrownBy(() -> new JournalEntryRequest("k", DAY, "manual", "memo", List.of()))
                .isInstanceOf(BusinessRuleViolation.class);
    }

    @Test
    void anEntryNeedsAKeyADateAndAMemo() {
        assertThatThrownBy(() -> new JournalEntryRequest(" ", null, "manual", "", List.of(
                debit("WATER", "1010", Money.of("1.00")), credit("WATER", "4010", Money.of("1.00")))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field)
                        .containsExactly("idempotencyKey", "businessDate", "memo"));
    }

    @Test
    void aLineAmountIsPositive() {
        assertThatThrownBy(() -> debit("WATER", "1010", Money.ZERO)).isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> credit("WATER", "1010", Money.of("-1.00"))).isInstanceOf(BusinessRuleViolation.class);
    }

    @Test
    void onlyAReceivableDebitHasADueDate() {
        assertThatThrownBy(() -> credit("WATER", "1200", Money.of("1.00")).receivable(1).due(DAY))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> debit("WATER", "1010", Money.of("1.00")).due(DAY))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThat(debit("WATER", "1200", Money.of("1.00")).receivable(1).due(DAY).dueDate()).isEqualTo(DAY);
    }

    @Test
    void theContentHashChangesWithAnyContentButNotWithTheKey() {
        JournalEntryRequest a = entry(debit("WATER", "1010", Money.of("10.00")), credit("WATER", "4010", Money.of("10.00")));
        JournalEntryRequest sameOtherKey = new JournalEntryRequest("key-2", DAY, "manual", "memo", a.lines());
        JournalEntryRequest otherAmount = entry(debit("WATER", "1010", Money.of("10.01")), credit("WATER", "4010", Money.of("10.01")));
        JournalEntryRequest otherMemo = new JournalEntryRequest("key-1", DAY, "manual", "memo 2", a.lines());

        assertThat(sameOtherKey.contentHash(null)).isEqualTo(a.contentHash(null));
        assertThat(otherAmount.contentHash(null)).isNotEqualTo(a.contentHash(null));
        assertThat(otherMemo.contentHash(null)).isNotEqualTo(a.contentHash(null));
        assertThat(a.contentHash(7L)).isNotEqualTo(a.contentHash(null));
    }
}
