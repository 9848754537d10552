package org.civicdesk.cashiering.internal.api;

import java.util.Optional;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.drawers.CounterPayments;
import org.civicdesk.cashiering.internal.payments.PaymentViews;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /api/v1/payments behind its Idempotency-Key. Without card tenders the key, the payment and the answer
 * are one transaction (one commit, one pooled connection). With card tenders the processor is called before
 * the post, so the key is claimed and finished in transactions of their own and no connection waits on the
 * processor.
 */
@Service
class ApiPayments {

    /** The payment as the API answers it; created is false when the key replayed an earlier payment. */
    record Answer(PaymentViews.PaymentView view, boolean created) {
    }

    private final CounterPayments counter;
    private final PaymentViews views;
    private final ApiIdempotency idempotency;
    private final TransactionTemplate transaction;

    ApiPayments(CounterPayments counter, PaymentViews views, ApiIdempotency idempotency,
            PlatformTransactionManager transactions) {
        this.counter = counter;
        this.views = views;
        this.idempotency = idempotency;
        this.transaction = new TransactionTemplate(transactions);
    }

    Answer post(String key, NewPayment payment, String requestHash, String user) {
        return hasCardTender(payment) ? postWithCards(key, payment, requestHash, user)
                : postInOneTransaction(key, payment, requestHash, user);
    }

    static boolean hasCardTender(NewPayment payment) {
        return payment.tenders().stream().anyMatch(t -> t.type() == TenderType.CREDIT_CARD || t.type() == TenderType.DEBIT_CARD);
    }

    private Answer postInOneTransaction(String key, NewPayment payment, String requestHash, String user) {
        return transaction.execute(status -> {
            Optional<Long> done = idempotency.claimInTransaction(key, requestHash);
            if (done.isPresent()) {
                return new Answer(views.payment(done.get()), false);
            }
            PostedPayment posted = counter.take(payment);
            idempotency.recordDone(key, requestHash, user, posted.paymentId());
            return new Answer(views.payment(posted.paymentId()), !posted.replayed());
        });
    }

    private Answer postWithCards(String key, NewPayment payment, String requestHash, String user) {
        Optional<Long> done = idempotency.claim(key, requestHash, user);
        if (done.isPresent()) {
            return new Answer(views.payment(done.get()), false);
        }
        PostedPayment posted;
        try {
            posted = counter.take(payment);
        } catch (RuntimeException e) {
            idempotency.release(key);
            throw e;
        }
        idempotency.finish(key, posted.paymentId());
        return new Answer(views.payment(posted.paymentId()), !posted.replayed());
    }
}
