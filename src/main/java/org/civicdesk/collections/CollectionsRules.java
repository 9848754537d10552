package org.civicdesk.collections;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import org.civicdesk.platform.Money;

/**
 * Every figure the collections policies use, in force from a date (table collections_rules, seeded from
 * city-profile.md). Policies never hold a figure of their own.
 *
 * @param depositGoodMonths            months of service without a late or returned payment that waive a residential deposit
 * @param depositHistoryWindowMonths   the window those months are counted in
 * @param depositAverageMonths         months of bills averaged for the deposit amount
 * @param depositResidentialMultiple   times the average monthly bill (residential)
 * @param depositCommercialMultiple    times the highest monthly bill (commercial and multi-unit)
 * @param depositDefaultElectric       deposit with no bill history, electric
 * @param depositDefaultGas            deposit with no bill history, gas
 * @param depositDefaultWaterGroup     deposit with no bill history, water, wastewater and solid waste together
 * @param depositDefaultSolidWasteOnly one month of solid waste with no bill history (solid-waste-only customers)
 * @param depositRoundTo               deposits are rounded up to a multiple of this
 * @param depositMaxInstallments       a deposit may be paid in at most this many monthly installments
 * @param lateFeeRate                  share of the past-due amount charged as a late fee (0.015 is 1.5 percent)
 * @param lateFeeGraceDays             days after the due date the past-due amount is measured and the fee charged
 * @param lateFeeMinimum               the smallest late fee
 * @param lateFeeFloor                 no late fee when the past-due amount is under this
 * @param disconnectThreshold          a disconnect needs at least this past due
 * @param moratoriumFrom               first day of the summer moratorium (residential electric and water)
 * @param moratoriumTo                 last day of it
 * @param medicalCertificateDays       days a medical certificate protects the account
 * @param arrangementMaxMonths         longest payment arrangement
 * @param arrangementLimitPerYear      this many arrangements in the last 12 months make an account ineligible
 * @param arrangementBrokenLimit       this many broken arrangements in the last 12 months make an account ineligible
 * @param arrangementGraceDays         an installment unpaid this many days after its due date breaks the arrangement
 * @param extensionMaxDays             an extension moves a due date by at most this many days
 */
public record CollectionsRules(LocalDate effectiveFrom, int depositGoodMonths, int depositHistoryWindowMonths,
        int depositAverageMonths, BigDecimal depositResidentialMultiple, BigDecimal depositCommercialMultiple,
        Money depositDefaultElectric, Money depositDefaultGas, Money depositDefaultWaterGroup,
        Money depositDefaultSolidWasteOnly, Money depositRoundTo, int depositMaxInstallments, BigDecimal lateFeeRate,
        int lateFeeGraceDays, Money lateFeeMinimum, Money lateFeeFloor, Money disconnectThreshold,
        MonthDay moratoriumFrom, MonthDay moratoriumTo, int medicalCertificateDays, int arrangementMaxMonths,
        int arrangementLimitPerYear, int arrangementBrokenLimit, int arrangementGraceDays, int extensionMaxDays) {

    /** The values city-profile.md gives (the migration seeds the same); for tests and the demo. */
    public static CollectionsRules cityProfile(LocalDate effectiveFrom) {
        return new CollectionsRules(effectiveFrom, 12, 24, 12, new BigDecimal("2"), new BigDecimal("2.5"),
                Money.of("120.00"), Money.of("60.00"), Money.of("70.00"), Money.of("27.80"), Money.of("5.00"), 3,
                new BigDecimal("0.015"), 5, Money.of("1.00"), Money.of("5.00"), Money.of("150.00"),
                MonthDay.of(6, 1), MonthDay.of(9, 30), 30, 6, 4, 2, 5, 10);
    }

    /** Whether the date falls in the summer moratorium (the bounds included). */
    public boolean inMoratorium(LocalDate day) {
        MonthDay d = MonthDay.from(day);
        return !d.isBefore(moratoriumFrom) && !d.isAfter(moratoriumTo);
    }
}
