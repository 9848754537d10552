package org.civicdesk.billing.internal.document;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a bill in one language (billing-messages*.properties): labels, notices, tips, units, service
 * names and the tariff's charge parts. No fallback to the JVM's locale: an English bill is English everywhere.
 */
final class BillWords {

    static final List<String> LANGUAGES = List.of("en", "es");
    private static final Pattern NUMBERED_PART = Pattern.compile("(.+?)_(\\d+)");

    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter dates;

    private BillWords(String language) {
        this.locale = Locale.forLanguageTag(LANGUAGES.contains(language) ? language : "en");
        this.bundle = ResourceBundle.getBundle("billing-messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    private static final BillWords ENGLISH = new BillWords("en");
    private static final BillWords SPANISH = new BillWords("es");

    static BillWords of(String language) {
        return "es".equals(language) ? SPANISH : ENGLISH;
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    boolean has(String key) {
        return bundle.containsKey(key);
    }

    String date(LocalDate date) {
        return date == null ? "" : dates.format(date);
    }

    String service(String serviceType) {
        return has("service." + serviceType) ? get("service." + serviceType) : serviceType;
    }

    String unit(String unit) {
        return unit == null ? "" : has("unit." + unit) ? get("unit." + unit) : unit;
    }

    String jurisdiction(String code) {
        return has("tax." + code) ? get("tax." + code) : code;
    }

    /**
     * The charge's name in this language from its schedule and part code (part.S1.1.VOLUME before part.VOLUME); the
     * stored description only when the book has a part this bundle does not know yet.
     */
    String charge(String schedule, String part, String storedDescription) {
        if (part != null) {
            if (has("part." + schedule + "." + part)) {
                return get("part." + schedule + "." + part);
            }
            if (has("part." + part)) {
                return get("part." + part);
            }
            Matcher m = NUMBERED_PART.matcher(part);
            if (m.matches() && has("part." + m.group(1))) {
                return get("part." + m.group(1), m.group(2));
            }
        }
        return storedDescription;
    }

    /** A conservation tip for the service and the season of the period's last day (tariffs.md rule 3). */
    String tip(String serviceType, LocalDate periodTo) {
        return tip(serviceType, season(periodTo));
    }

    /** summer (May to October) or winter. */
    static String season(LocalDate day) {
        int month = day.getMonthValue();
        return month >= 5 && month <= 10 ? "summer" : "winter";
    }

    /** The tip for the service in the season (summer or winter). */
    String tip(String serviceType, String season) {
        String key = "tip." + serviceType + "." + season;
        try {
            return get(key);
        } catch (MissingResourceException e) {
            return get("tip.default");
        }
    }

    /** A unit price: at least cents, up to the 6 decimals a tariff may state. */
    String price(BigDecimal value) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(6);
        return f.format(value);
    }

    String number(BigDecimal value, int maxDecimals) {
        if (value == null) {
            return "";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(0);
        f.setMaximumFractionDigits(maxDecimals);
        return f.format(value);
    }
}
