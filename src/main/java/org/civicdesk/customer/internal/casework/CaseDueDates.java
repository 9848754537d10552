package org.civicdesk.customer.internal.casework;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.civicdesk.customer.CaseType;

/**
 * A case is due a number of business days after it is opened, by type; Saturdays and Sundays do not count.
 * Inquiry 3, complaint 5, billing dispute 10, service request 5 unless configured otherwise.
 */
public final class CaseDueDates {

    public static final Map<CaseType, Integer> DEFAULT_BUSINESS_DAYS = Map.of(
            CaseType.INQUIRY, 3, CaseType.COMPLAINT, 5, CaseType.BILLING_DISPUTE, 10, CaseType.SERVICE_REQUEST, 5);

    private final Map<CaseType, Integer> businessDays;

    public CaseDueDates(Map<CaseType, Integer> configured) {
        Map<CaseType, Integer> days = new EnumMap<>(CaseType.class);
        days.putAll(DEFAULT_BUSINESS_DAYS);
        if (configured != null) {
            configured.forEach((type, n) -> {
                if (n == null || n < 1) {
                    throw new IllegalArgumentException("Business days for " + type + " must be at least 1: " + n);
                }
                days.put(type, n);
            });
        }
        this.businessDays = Map.copyOf(days);
    }

    public int businessDays(CaseType type) {
        return businessDays.get(type);
    }

    /** The due date of a case of this type opened on the given day. */
    public LocalDate dueOn(CaseType type, LocalDate opened) {
        return addBusinessDays(opened, businessDays(type));
    }

    static LocalDate addBusinessDays(LocalDate from, int days) {
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }
}
