package org.civicdesk.cashiering.internal.api;

import java.sql.Timestamp;
import java.util.Map;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API's Idempotency-Key: the key row is written IN_FLIGHT in a transaction of its own before the payment
 * posts, so that a second request with the key while the first runs gets 409; DONE keys replay the payment.
 */
@Component
class ApiIdempotency {

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final BusinessTime time;

    ApiIdempotency(JdbcClient jdbc, PlatformTransactionManager transactions, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.time = new BusinessTime(clock);
    }

    /** Empty when the key is new (and now claimed); the payment id when it was done before with this body. */
    java.util.Optional<Long> claim(String key, String requestHash, String user) {
        return own.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into cashiering_api_idempotency (idempotency_key, request_hash, username, status, created_at)
                    values (:k, :h, :u, 'IN_FLIGHT', :now) on conflict (idempotency_key) do nothing""")
                    .param("k", key).param("h", requestHash).param("u", user).param("now", Timestamp.from(time.now())).update();
            if (inserted == 1) {
                return java.util.Optional.<Long>empty();
            }
            Map<String, Object> row = jdbc.sql("""
                    select request_hash, status, payment_id from cashiering_api_idempotency where idempotency_key = :k""")
                    .param("k", key).query().singleRow();
            if (!requestHash.equals(row.get("request_hash"))) {
                throw new BusinessRuleViolation("payment.idempotency-key-reused", "Idempotency-Key",
                        "This Idempotency-Key was used for a different payment; use a new key for a new payment");
            }
            if ("IN_FLIGHT".equals(row.get("status"))) {
                throw new Conflict("payment.request-in-flight",
                        "A request with this Idempotency-Key is still being processed; retry in a moment");
            }
            return java.util.Optional.of(((Number) row.get("payment_id")).longValue());
        });
    }

    void finish(String key, long paymentId) {
        own.executeWithoutResult(status -> jdbc.sql("""
                update cashiering_api_idempotency set status = 'DONE', payment_id = :p, finished_at = :now
                where idempotency_key = :k""").param("p", paymentId).param("now", Timestamp.from(time.now()))
                .param("k", key).update());
    }

    /** A refused request leaves nothing behind: the key may be used again. */
    void release(String key) {
        own.executeWithoutResult(status -> jdbc.sql("delete from cashiering_api_idempotency where idempotency_key = :k and status = 'IN_FLIGHT'")
                .param("k", key).update());
    }
}
