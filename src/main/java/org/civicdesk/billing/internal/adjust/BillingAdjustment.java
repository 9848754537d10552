package org.civicdesk.billing.internal.adjust;

import java.time.Instant;
import java.time.LocalDate;
import org.civicdesk.platform.Money;

/** A posted billing adjustment, as stored in billing_adjustment. */
public record BillingAdjustment(long id, String requestKey, String accountNumber, Long billId, String serviceType,
        String fund, String revenueAccount, Money amount, String reasonCode, String reason, String note,
        LocalDate businessDate, String requestedBy, Instant requestedAt, Long approvalRequestId, String approvedBy,
        long ledgerEntryId, Instant postedAt) {

    public boolean credit() {
        return amount.isNegative();
    }
}
