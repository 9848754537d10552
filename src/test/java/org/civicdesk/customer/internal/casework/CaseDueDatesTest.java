package org.civicdesk.customer.internal.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.civicdesk.customer.CaseType;
import org.junit.jupiter.api.Test;

class CaseDueDatesTest {

    private final CaseDueDates defaults = new CaseDueDates(Map.of());
    // Thursday
    private final LocalDate thursday = LocalDate.of(2026, 11, 26);

    @Test
    void an_inquiry_opened_on_thursday_is_due_the_next_tuesday_because_weekends_do_not_count() {
        assertThat(thursday.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(defaults.dueOn(CaseType.INQUIRY, thursday)).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void complaints_and_service_requests_take_five_business_days_and_disputes_ten() {
        assertThat(defaults.dueOn(CaseType.COMPLAINT, thursday)).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(defaults.dueOn(CaseType.SERVICE_REQUEST, thursday)).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(defaults.dueOn(CaseType.BILLING_DISPUTE, thursday)).isEqualTo(LocalDate.of(2026, 12, 10));
    }

    @Test
    void a_case_opened_on_saturday_counts_from_monday() {
        assertThat(defaults.dueOn(CaseType.INQUIRY, LocalDate.of(2026, 11, 28))).isEqualTo(LocalDate.of(2026, 12, 2));
    }

    @Test
    void the_business_days_per_type_are_configurable() {
        CaseDueDates faster = new CaseDueDates(Map.of(CaseType.BILLING_DISPUTE, 2));
        assertThat(faster.dueOn(CaseType.BILLING_DISPUTE, thursday)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(faster.businessDays(CaseType.INQUIRY)).isEqualTo(3);
        assertThatThrownBy(() -> new CaseDueDates(Map.of(CaseType.INQUIRY, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void a_due_date_never_falls_on_a_weekend_and_is_at_least_the_business_days_away(
            @ForAll @IntRange(min = 0, max = 3000) int dayOffset, @ForAll @IntRange(min = 1, max = 30) int days) {
        LocalDate opened = LocalDate.of(2024, 1, 1).plusDays(dayOffset);
        LocalDate due = CaseDueDates.addBusinessDays(opened, days);
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        long weekdays = opened.plusDays(1).datesUntil(due.plusDays(1))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).count();
        assertThat(weekdays).isEqualTo(days);
    }
}
