package org.civicdesk.billing;

import java.time.LocalDate;
import java.util.List;

/** The city's flat fees, by effective date. Amounts are data (seeded from city-profile.md), never constants. */
public interface FeeSchedule {

    /** The version of the fee in force on the date; RecordNotFound when there is none. */
    Fee feeOn(String code, LocalDate date);

    /** Every fee in force on the date, ordered by code. */
    List<Fee> allOn(LocalDate date);

    /** Every version of every fee, for the history screen. */
    List<Fee> history();
}
