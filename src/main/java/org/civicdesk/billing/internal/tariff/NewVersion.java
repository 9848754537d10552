package org.civicdesk.billing.internal.tariff;

import java.time.LocalDate;
import java.util.List;

/** A new version of a rate schedule: every charge, in force from effectiveFrom on. */
public record NewVersion(LocalDate effectiveFrom, String note, List<NewCharge> charges) {

    public NewVersion {
        charges = charges == null ? List.of() : charges;
    }
}
