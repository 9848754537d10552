package org.civicdesk.cashiering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.civicdesk.platform.Money;

/**
 * Payments a customer makes online for their own utility account (the portal): by card through the card
 * processor's hosted payment step, so that a card number never reaches CivicDesk, or by a one-time bank debit;
 * receipts; autopay enrolment. Each payment posts through {@link Payments#post} with source PORTAL and the
 * idempotency key of its submission, so the same submission sent twice pays once. Refusals (declined card,
 * bank payment on a cash-only account, bad input) are BusinessRuleViolations naming the field.
 */
public interface OnlinePayments {

    /** The most one online payment may be. */
    Money MAXIMUM = Money.of("10000.00");

    /**
     * The address of the processor's hosted card step for this amount; it sends the customer back to returnPath
     * (a path of the portal) with the parameters cardToken, cardBrand, cardLast4 and amount.
     */
    String hostedCardStep(Money amount, String returnPath);

    /**
     * A card payment.
     *
     * @param submissionId one per payment form shown: the idempotency key is made from it and the account
     */
    record CardPayment(String accountNumber, Money amount, String cardToken, String cardBrand, String cardLast4,
            String submissionId, String payerName) {
    }

    /** A one-time bank debit; the bank account number is kept encrypted, never shown again. */
    record BankPayment(String accountNumber, Money amount, String routingNumber, String bankAccountNumber,
            String accountType, String holderName, String submissionId) {
    }

    /**
     * A payment's receipt.
     *
     * @param method        CARD, ACH or how it was paid otherwise (CASH, CHECK...)
     * @param accountAmount what the payment paid to this account
     * @param replayed      true when the submission had already paid (a double submit)
     */
    record Receipt(long paymentId, String accountNumber, LocalDate businessDate, Instant postedAt, Money accountAmount,
            String source, String method, String cardBrand, String last4, String confirmation, boolean returned,
            boolean replayed) {
    }

    Receipt payByCard(CardPayment payment);

    Receipt payByBank(BankPayment payment);

    /** Whether the account takes only certified funds (no bank payments), and why; empty when it takes any. */
    Optional<String> cashOnlyReason(String accountNumber);

    /** The receipt of a payment that paid this account; empty for any other payment (or none). */
    Optional<Receipt> receipt(String accountNumber, long paymentId);

    /** The receipt as a letter-size PDF in English or Spanish; empty like {@link #receipt}. */
    Optional<byte[]> receiptPdf(String accountNumber, long paymentId, String language);

    /** An account's autopay enrolment, never the bank account number. */
    record AutopayEnrolment(long id, String bankLast4, String accountType, String holderName, LocalDate startedOn) {
    }

    Optional<AutopayEnrolment> autopay(String accountNumber);

    AutopayEnrolment enrolAutopay(String accountNumber, String routingNumber, String bankAccountNumber,
            String accountType, String holderName);

    /** Ends the account's active enrolment; refused when there is none. */
    void cancelAutopay(String accountNumber, String reason);
}
