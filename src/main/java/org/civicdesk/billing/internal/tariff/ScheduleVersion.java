package org.civicdesk.billing.internal.tariff;

import java.time.LocalDate;
import java.util.List;

/** One effective-dated version of a rate schedule: every charge in force from effectiveFrom on. */
public record ScheduleVersion(long id, String scheduleCode, int number, LocalDate effectiveFrom, String note,
        String createdBy, List<Charge> charges) {

    public ScheduleVersion {
        charges = List.copyOf(charges);
    }

    public String label() {
        return scheduleCode + " v" + number + " from " + effectiveFrom;
    }
}
