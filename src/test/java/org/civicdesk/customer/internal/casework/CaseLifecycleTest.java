package org.civicdesk.customer.internal.casework;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.civicdesk.customer.CaseStatus;
import org.civicdesk.platform.BusinessRuleViolation;
import org.junit.jupiter.api.Test;

class CaseLifecycleTest {

    @Test
    void a_case_cannot_be_resolved_without_a_resolution() {
        assertThatThrownBy(() -> CaseLifecycle.check(CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, "  "))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("case.resolution-required");
                    org.assertj.core.api.Assertions.assertThat(e.problems()).extracting(p -> p.field())
                            .containsExactly("resolution");
                });
        assertThatCode(() -> CaseLifecycle.check(CaseStatus.OPEN, CaseStatus.RESOLVED, "Meter re-read, bill correct"))
                .doesNotThrowAnyException();
    }

    @Test
    void a_resolved_case_may_be_reopened_or_closed_but_a_closed_case_stays_closed() {
        assertThatCode(() -> CaseLifecycle.check(CaseStatus.RESOLVED, CaseStatus.OPEN, null)).doesNotThrowAnyException();
        assertThatCode(() -> CaseLifecycle.check(CaseStatus.RESOLVED, CaseStatus.CLOSED, null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CaseLifecycle.check(CaseStatus.CLOSED, CaseStatus.OPEN, null))
                .isInstanceOf(BusinessRuleViolation.class);
        assertThatThrownBy(() -> CaseLifecycle.check(CaseStatus.OPEN, CaseStatus.CLOSED, "done"))
                .isInstanceOf(BusinessRuleViolation.class);
    }
}
