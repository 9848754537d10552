package org.civicdesk.ledger;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * What a receivable owes as of a date, by days past due. Credits pay the oldest charges first; a credit
 * beyond all charges is {@code unappliedCredit}. {@code balance} = the buckets minus the unapplied credit.
 */
public record Aging(long receivableId, LocalDate asOf, Money current, Money days1To30, Money days31To60,
        Money days61To90, Money over90, Money unappliedCredit) {

    public Money pastDue() {
        return days1To30.plus(days31To60).plus(days61To90).plus(over90);
    }

    public Money balance() {
        return current.plus(pastDue()).minus(unappliedCredit);
    }
}
