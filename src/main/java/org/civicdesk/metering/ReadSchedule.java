package org.civicdesk.metering;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When a billing cycle's meters are read: cycle N (1-20) on the N-th working day (Monday to Friday) of each
 * month. The demo city's reads and bill runs both follow it.
 */
public final class ReadSchedule {

    private ReadSchedule() {
    }

    public static LocalDate readDate(int cycle, YearMonth month) {
        if (cycle < 1 || cycle > 20) {
            throw new IllegalArgumentException("A billing cycle is 1 to 20, not " + cycle);
        }
        LocalDate day = month.atDay(1);
        int working = 0;
        while (true) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                working++;
                if (working == cycle) {
                    return day;
                }
            }
            day = day.plusDays(1);
        }
    }
}
