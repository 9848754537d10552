package org.civicdesk.fieldservice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.fieldservice.FieldOrderStatus.CANCELLED;
import static org.civicdesk.fieldservice.FieldOrderStatus.COMPLETED;
import static org.civicdesk.fieldservice.FieldOrderStatus.CREATED;
import static org.civicdesk.fieldservice.FieldOrderStatus.DISPATCHED;
import static org.civicdesk.fieldservice.FieldOrderStatus.EN_ROUTE;
import static org.civicdesk.fieldservice.FieldOrderStatus.FAILED;
import static org.civicdesk.fieldservice.FieldOrderStatus.SCHEDULED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.civicdesk.fieldservice.FieldOrderStatus;
import org.civicdesk.fieldservice.internal.FieldOrderLifecycle.Step;
import org.civicdesk.platform.BusinessRuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FieldOrderLifecycleTest {

    /** The whole table: for each step, the statuses it may start from and where it leads. */
    private static final Map<Step, Set<FieldOrderStatus>> ALLOWED = Map.of(
            Step.SCHEDULE, EnumSet.of(CREATED, SCHEDULED),
            Step.ASSIGN, EnumSet.of(CREATED, SCHEDULED, DISPATCHED),
            Step.START_ROUTE, EnumSet.of(DISPATCHED),
            Step.COMPLETE, EnumSet.of(DISPATCHED, EN_ROUTE),
            Step.FAIL, EnumSet.of(DISPATCHED, EN_ROUTE),
            Step.CANCEL, EnumSet.of(CREATED, SCHEDULED, DISPATCHED, EN_ROUTE));
    private static final Map<Step, FieldOrderStatus> LEADS_TO = Map.of(Step.SCHEDULE, SCHEDULED, Step.ASSIGN, DISPATCHED,
            Step.START_ROUTE, EN_ROUTE, Step.COMPLETE, COMPLETED, Step.FAIL, FAILED, Step.CANCEL, CANCELLED);

    @Test
    void everyStepFromEveryStatusIsAllowedOrRefusedAsTheTableSays() {
        for (Step step : Step.values()) {
            for (FieldOrderStatus from : FieldOrderStatus.values()) {
                if (ALLOWED.get(step).contains(from)) {
                    assertThat(FieldOrderLifecycle.next(7, from, step)).as(step + " from " + from)
                            .isEqualTo(LEADS_TO.get(step));
                } else {
                    assertThatThrownBy(() -> FieldOrderLifecycle.next(7, from, step)).as(step + " from " + from)
                            .isInstanceOf(BusinessRuleViolation.class)
                            .hasMessageContaining("order 7 cannot");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FieldOrderStatus.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
    void aFinishedOrderDoesNotChange(FieldOrderStatus finished) {
        for (Step step : Step.values()) {
            assertThatThrownBy(() -> FieldOrderLifecycle.next(3, finished, step))
                    .isInstanceOf(BusinessRuleViolation.class)
                    .hasMessageContaining("already " + finished.name().toLowerCase());
        }
    }

    @Test
    void completingACancelledOrderIsRefusedWithTheReason() {
        assertThatThrownBy(() -> FieldOrderLifecycle.next(42, CANCELLED, Step.COMPLETE))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("field-order.step-refused");
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("status");
                        assertThat(p.reason()).isEqualTo("order 42 cannot complete it: it is already cancelled, "
                                + "and a finished order does not change");
                    });
                });
    }

    @Test
    void anOrderNotYetDispatchedCannotBeCompletedAndOneEnRouteCannotBeReassigned() {
        assertThatThrownBy(() -> FieldOrderLifecycle.next(1, CREATED, Step.COMPLETE))
                .hasMessageContaining("it must be dispatched to a specialist first");
        assertThatThrownBy(() -> FieldOrderLifecycle.next(1, EN_ROUTE, Step.ASSIGN))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("specialist"))
                .hasMessageContaining("en route");
    }

    @Test
    void failingOrCancellingNeedsAReasonAndAReadOrderNeedsItsReading() {
        assertThatThrownBy(() -> FieldOrderLifecycle.requireReason("  "))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("reason"));
        assertThat(FieldOrderLifecycle.requireReason(" dog in yard ")).isEqualTo("dog in yard");
        assertThatThrownBy(() -> FieldOrderLifecycle.requireReading(true, null))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("reading"));
        FieldOrderLifecycle.requireReading(false, null);
        FieldOrderLifecycle.requireReading(true, "1234");
    }

    @Test
    void aSpecialistUpdatesOnlyTheirOwnOrdersADispatcherAny() {
        assertThat(FieldOrderLifecycle.refusalForUpdater("field1", "field1", false)).isNull();
        assertThat(FieldOrderLifecycle.refusalForUpdater("field1", "field2", false)).isEqualTo("this order is not assigned to you");
        assertThat(FieldOrderLifecycle.refusalForUpdater(null, "field2", false)).isNotNull();
        assertThat(FieldOrderLifecycle.refusalForUpdater("field1", "dispatcher", true)).isNull();
    }
}
