package org.civicdesk.customer.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void aDocumentExpiringTodayIsStillGoodButOneExpiredYesterdayIsRefused() {
        assertThat(ServiceRules.expiredDocument(TODAY, TODAY)).isEmpty();
        assertThat(ServiceRules.expiredDocument(TODAY.minusDays(1), TODAY)).hasValueSatisfying(r -> assertThat(r).contains("expired"));
        assertThat(ServiceRules.expiredDocument(null, TODAY)).isEmpty();
    }

    @Property
    void aDueDayFrom1To28IsAccepted(@ForAll @IntRange(min = 1, max = 28) int day) {
        assertThat(ServiceRules.dueDayOutOfRange(day)).isEmpty();
    }

    @Property
    void aDueDayOutside1To28IsRefused(@ForAll int day) {
        assertThat(ServiceRules.dueDayOutOfRange(day).isPresent()).isEqualTo(day < 1 || day > 28);
    }

    @Test
    void serviceCannotStopBeforeItStartedButMayStopOnItsFirstDay() {
        assertThat(ServiceRules.stopBeforeStart(TODAY.minusDays(1), TODAY)).isPresent();
        assertThat(ServiceRules.stopBeforeStart(TODAY, TODAY)).isEmpty();
    }

    @Test
    void aFutureStartOrStopWaitsAndATodayOneIsDone() {
        assertThat(ServiceRules.startStatus(TODAY, TODAY)).isEqualTo("ACTIVE");
        assertThat(ServiceRules.startStatus(TODAY.plusDays(1), TODAY)).isEqualTo("PENDING_START");
        assertThat(ServiceRules.stopStatus(TODAY, TODAY)).isEqualTo("STOPPED");
        assertThat(ServiceRules.stopStatus(TODAY.plusDays(1), TODAY)).isEqualTo("PENDING_STOP");
    }

    @Test
    void aCallerStaysVerifiedForThirtyMinutes() {
        Instant now = Instant.parse("2026-11-26T17:00:00Z");
        assertThat(ServiceRules.verificationCurrent(now.minusSeconds(29 * 60), now)).isTrue();
        assertThat(ServiceRules.verificationCurrent(now.minusSeconds(31 * 60), now)).isFalse();
    }

    @Test
    void onlyWaterWastewaterSolidWasteAndIrrigationRevertToTheOwner() {
        assertThat(ServiceCatalog.values()).filteredOn(ServiceCatalog::revertsToOwner)
                .containsExactlyInAnyOrder(ServiceCatalog.WATER, ServiceCatalog.WASTEWATER, ServiceCatalog.SOLID_WASTE,
                        ServiceCatalog.IRRIGATION);
    }

    @Test
    void meteredServicesNeedAConnectAndAnInitialReadAndAFinalReadAtTheStop() {
        assertThat(ServiceCatalog.GAS.startOrders()).containsExactly("CONNECT", "INITIAL_READ");
        assertThat(ServiceCatalog.GAS.stopOrders()).containsExactly("FINAL_READ");
        assertThat(ServiceCatalog.WASTEWATER.startOrders()).isEmpty();
        assertThat(ServiceCatalog.HYDRANT.fund()).isEqualTo("WATER");
        assertThat(ServiceCatalog.ELECTRIC.rateSchedule(true)).isEqualTo("E3.1");
        assertThat(ServiceCatalog.GAS.rateSchedule(true)).isEqualTo("G1.1");
    }
}
