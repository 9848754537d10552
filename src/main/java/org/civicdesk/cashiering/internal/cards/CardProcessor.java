package org.civicdesk.cashiering.internal.cards;

import org.civicdesk.platform.Money;

/**
 * A card processor's interface. CivicDesk never sees a card number: the hosted payment step gives it the
 * processor's token, brand and last four digits, and every call here names the token or the authorisation.
 */
public interface CardProcessor {

    /** The processor's name, shown on receipts and in the Daily Cash Report. */
    String name();

    Authorisation authorise(String token, Money amount, String reference);

    Authorisation capture(String authorisationId);

    Authorisation refund(String authorisationId, Money amount);

    Authorisation voidAuthorisation(String authorisationId);

    /**
     * A processor's answer.
     *
     * @param approved false for a decline, with the processor's reason
     */
    record Authorisation(String id, boolean approved, String reason, Money amount, String brand, String last4) {
    }
}
