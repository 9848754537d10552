package org.civicdesk.billing.internal.adjust;

import java.math.BigDecimal;
import java.util.List;

/**
 * A billing adjustment as staff asked for it; stored as JSON while it waits for approval.
 *
 * @param requestKey  made when the form was shown (or the API's Idempotency-Key): a second submit posts once
 * @param billId      the bill it corrects, if any
 * @param serviceType the service whose revenue it corrects; FEE for a fee (then fund names the fund)
 * @param fund        only for a fee: the fund whose fee revenue (4900) it corrects
 * @param amount      positive = debit (the customer owes more), negative = credit
 * @param periods     the wastewater recomputation behind it, when there is one
 */
public record AdjustmentRequest(String requestKey, String accountNumber, Long billId, String serviceType,
        String fund, BigDecimal amount, String reasonCode, String note, List<WastewaterPeriod> periods) {

    public static final String FEE = "FEE";

    public AdjustmentRequest {
        periods = periods == null ? List.of() : List.copyOf(periods);
    }

    /**
     * One recomputed wastewater period.
     *
     * @param billedVolume    the water volume the period was billed with
     * @param correctedVolume the corrected water volume
     * @param correctedWqa    the corrected winter quarter average (null: the billed one)
     */
    public record WastewaterPeriod(long billServiceId, long billId, String periodFrom, String periodTo,
            BigDecimal billedVolume, BigDecimal correctedVolume, BigDecimal billedWqa, BigDecimal correctedWqa,
            BigDecimal billed, BigDecimal recomputed, BigDecimal difference) {
    }
}
