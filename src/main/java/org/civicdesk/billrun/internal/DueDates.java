package org.civicdesk.billrun.internal;

import java.time.LocalDate;

/**
 * When a bill falls due. city-profile.md gives bill date + 21 days (civicdesk.billing.due-days); an account with a
 * chosen due day (1 to 28, so it exists in every month) is due on the first such day on or after that date, never
 * sooner.
 */
final class DueDates {

    private DueDates() {
    }

    /**
     * @param earliest the bill date plus the due days
     * @param dueDay   the account's chosen day of the month, or null
     */
    static LocalDate due(LocalDate earliest, Integer dueDay) {
        if (dueDay == null) {
            return earliest;
        }
        if (dueDay < 1 || dueDay > 28) {
            throw new IllegalArgumentException("A due day is 1 to 28, not " + dueDay);
        }
        LocalDate sameMonth = earliest.withDayOfMonth(dueDay);
        return sameMonth.isBefore(earliest) ? sameMonth.plusMonths(1) : sameMonth;
    }
}
