package org.civicdesk.cashiering;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * A payment came back (returned check, ACH return) and was reversed. Collections listens: a disconnect the
 * payment had cancelled resumes with a 48-hour notice.
 *
 * @param returnCode the ACH reason code (R01 ...) or CHECK
 * @param cashOnlyUntil set when this return made the account cash-only (2 returns in 12 months)
 */
public record PaymentReturned(long paymentId, LocalDate businessDate, Money amount, String returnCode,
        List<PaymentTarget> targets, long reversalEntryId, Long feeEntryId, LocalDate cashOnlyUntil) {

    public PaymentReturned {
        targets = List.copyOf(targets);
    }
}
