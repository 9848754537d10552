package org.civicdesk.billing;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * A posted billing adjustment as the account screen lists it: a credit (negative) or debit (positive) to one
 * service or fee, its reason, and who asked and who approved (null when it was under the approval limit).
 */
public record AdjustmentSummary(long id, Long billId, String serviceType, Money amount, String reason, String note,
        LocalDate businessDate, String requestedBy, String approvedBy) {
}
