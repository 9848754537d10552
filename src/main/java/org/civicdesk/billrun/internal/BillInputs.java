package org.civicdesk.billrun.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.platform.Money;

/** What bill composition reads for one account: plain data, no database. */
final class BillInputs {

    private BillInputs() {
    }

    /** Service types whose usage comes from meter reads. */
    static boolean metered(String serviceType) {
        return switch (serviceType) {
            case "ELECTRIC", "GAS", "WATER", "HYDRANT" -> true;
            default -> false;
        };
    }

    /** The GL fund of a service type (irrigation and hydrant water post to WATER). */
    static String fundOf(String serviceType) {
        return switch (serviceType) {
            case "IRRIGATION", "HYDRANT" -> "WATER";
            default -> serviceType;
        };
    }

    /**
     * A service agreement to bill, with where its last bill ended.
     *
     * @param converted taken over from an earlier billing system, which billed it up to the conversion
     */
    record Agreement(long id, long premiseId, String serviceType, String rateSchedule, LocalDate start,
            LocalDate end, String status, boolean converted, Long lastBilledReadId, LocalDate lastBilledTo) {
    }

    /**
     * One account of a chunk: its agreements, their usage (metered ones), options, WQA, and its balance.
     *
     * @param previousBalance the total due of its last bill not cancelled (zero before the first)
     * @param balanceNow      its receivables' balance now, over every utility fund
     * @param paymentsSince   credits to its receivables since the last bill (reversals left out)
     * @param averageBill     the average of its last bills' new charges plus tax, null without history
     * @param dueDay          the day of the month the customer chose for the due date (1 to 28), or null
     */
    record Account(long id, String number, String name, String language, List<Agreement> agreements,
            Map<Long, BillableUsage> usage, Map<Long, Map<String, BigDecimal>> options, Map<Long, BigDecimal> wqa,
            Money previousBalance, Money balanceNow, Money paymentsSince, Money averageBill, Integer dueDay) {
    }
}
