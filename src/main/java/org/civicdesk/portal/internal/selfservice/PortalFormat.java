package org.civicdesk.portal.internal.selfservice;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.civicdesk.platform.Money;

/** Dates and amounts as the customer's language writes them (templates call it as fmt). */
public final class PortalFormat {

    private final DateTimeFormatter dates;

    PortalFormat(Locale locale) {
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }

    public String date(LocalDate date) {
        return date == null ? "" : dates.format(date);
    }

    public String money(Money money) {
        return money == null ? "" : money.formatted();
    }
}
