package org.civicdesk.cashiering;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * A posted payment.
 *
 * @param replayed true when the idempotency key had already posted this payment
 */
public record PostedPayment(long paymentId, String idempotencyKey, LocalDate businessDate, Money amount,
        Money changeGiven, long ledgerEntryId, boolean replayed) {
}
