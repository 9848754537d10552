package org.civicdesk.billing.internal.tariff;

import java.time.LocalDate;

/** tariffs.md rule 3: the season of a period is that of its current read date. */
public enum Season {
    ALL, SUMMER, WINTER;

    public static Season ofReadDate(LocalDate readDate) {
        int month = readDate.getMonthValue();
        return month >= 5 && month <= 10 ? SUMMER : WINTER;
    }

    public boolean includes(Season periodSeason) {
        return this == ALL || this == periodSeason;
    }
}
