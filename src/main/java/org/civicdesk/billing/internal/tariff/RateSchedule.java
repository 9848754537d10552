package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A rate schedule with its versions, oldest first.
 *
 * @param consumptionUnit kWh, therm or kgal for metered schedules, null otherwise
 * @param defaultWqa      wastewater class default WQA when the customer has none
 */
public record RateSchedule(String code, String description, String serviceType, String customerClass, String fund,
        String consumptionUnit, BigDecimal defaultWqa, List<ScheduleVersion> versions) {

    public RateSchedule {
        versions = List.copyOf(versions);
    }

    public boolean metered() {
        return consumptionUnit != null;
    }

    /** The version in force on the day, if any. */
    public Optional<ScheduleVersion> versionOn(LocalDate day) {
        ScheduleVersion found = null;
        for (ScheduleVersion v : versions) {
            if (!v.effectiveFrom().isAfter(day)) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<ScheduleVersion> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }
}
