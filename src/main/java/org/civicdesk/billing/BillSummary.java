package org.civicdesk.billing;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * One bill as a list shows it, with the balance it carried: previous balance, payments (credits received, a
 * positive amount) and adjustments since the bill before, new charges (before tax), their tax and the total due
 * (previous balance - payments + adjustments + new charges + tax).
 *
 * @param status         ISSUED, CANCELLED (reversed, no replacement) or REBILLED (reversed and replaced)
 * @param rebillOfBillId the bill this one replaces, if it is a rebill
 * @param rebilledById   the bill that replaced this one, if any
 */
public record BillSummary(long id, String accountNumber, LocalDate billDate, LocalDate periodFrom,
        LocalDate periodTo, LocalDate dueDate, Money previousBalance, Money payments, Money adjustments,
        Money newCharges, Money tax, Money totalDue, boolean estimated, String language, String status,
        Long rebillOfBillId, Long rebilledById) {

    public static final String ISSUED = "ISSUED";
    public static final String CANCELLED = "CANCELLED";
    public static final String REBILLED = "REBILLED";

    /** This bill's own charges with their tax. */
    public Money currentCharges() {
        return newCharges.plus(tax);
    }

    public boolean cancelled() {
        return !ISSUED.equals(status);
    }
}
