package org.civicdesk.cashiering.internal.drawers;

import java.util.ArrayList;
import java.util.List;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.cards.CardProcessor;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.stereotype.Service;

/**
 * A payment taken at the counter or through the API: card tenders are authorised and captured with the
 * processor first (a decline refuses the payment naming the tender), then the payment posts; if posting
 * fails, the card authorisations are voided so that no card is charged for a payment that does not exist.
 */
@Service
public class CounterPayments {

    private final Payments payments;
    private final CardProcessor cards;

    CounterPayments(Payments payments, CardProcessor cards) {
        this.payments = payments;
        this.cards = cards;
    }

    public PostedPayment take(NewPayment payment) {
        List<String> authorised = new ArrayList<>();
        if (payment.tenders() != null) {
            for (int i = 0; i < payment.tenders().size(); i++) {
                NewPayment.Tender t = payment.tenders().get(i);
                if (t == null || (t.type() != TenderType.CREDIT_CARD && t.type() != TenderType.DEBIT_CARD)
                        || t.cardToken() == null || t.amount() == null) {
                    continue;
                }
                CardProcessor.Authorisation a = cards.authorise(t.cardToken(), t.amount(), payment.idempotencyKey());
                if (!a.approved()) {
                    authorised.forEach(cards::voidAuthorisation);
                    throw new BusinessRuleViolation("payment.card-declined", "tenders[" + i + "].cardToken",
                            "The card ending " + (t.cardLast4() == null ? "?" : t.cardLast4()) + " was declined: " + a.reason());
                }
                cards.capture(a.id());
                authorised.add(a.id());
            }
        }
        try {
            PostedPayment posted = payments.post(payment);
            if (posted.replayed()) {
                // the card was charged the first time; this attempt's authorisations are let go
                authorised.forEach(cards::voidAuthorisation);
            }
            return posted;
        } catch (RuntimeException e) {
            authorised.forEach(cards::voidAuthorisation);
            throw e;
        }
    }
}
