package org.civicdesk.cashiering;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * A payment to post: tenders in, allocations out (their totals must be equal, except that cash tendered may
 * exceed it and change is given). Posting again with the same idempotency key and content returns the first
 * payment; other content under the key is refused.
 *
 * @param tenderControlId the open drawer (DRAWER source) or file batch control it belongs to; null for portal/phone
 * @param externalReference e.g. the lockbox batch and sequence, the ACH trace number, the portal order id
 */
public record NewPayment(String idempotencyKey, TenderSource source, Long tenderControlId, LocalDate businessDate,
        List<Tender> tenders, List<Allocation> allocations, String payerName, String externalReference) {

    /**
     * One tender. Cards carry only the processor's token, brand and last four digits, never the number.
     */
    public record Tender(TenderType type, Money amount, String checkNumber, String cardToken, String cardBrand,
            String cardLast4) {
    }

    /** One allocation to a target. */
    public record Allocation(PaymentTarget target, Money amount) {
    }
}
