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
 * The API's Idempotency-Key. A payment without card tenders claims its key inside the payment's own transaction
 * ({@link #claimInTransaction}): a transaction-scoped advisory lock on the key tells a second request with the
 * key that the first still runs (409), and the DONE row is written with the payment, so a refused payment
 * leaves nothing behind. A payment with card tenders is authorised with the processor before it posts, outside
 * any transaction: its key row is written IN_FLIGHT in a transaction of its own first ({@link #claim}), so that
 * no second request reaches the processor. Both ways read the same rows, so they refuse each other alike.
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

    /** The class of the two-key advisory lock a request holds on its Idempotency-Key (collections uses 60601). */
    static final int KEY_LOCK_CLASS = 51101;

    /**
     * In the caller's transaction: empty when the key is free (and now held until that transaction ends); the
     * payment id when it was done before with this body. Another body under the key is 422; a request with the
     * key still running, here or on the card path, is 409.
     */
    java.util.Optional<Long> claimInTransaction(String key, String requestHash) {
        Map<String, Object> row = jdbc.sql("""
                select pg_try_advisory_xact_lock(:c, hashtext(:k)) as free, i.request_hash, i.status, i.payment_id
                from (select 1) one left join cashiering_api_idempotency i on i.idempotency_key = :k""")
                .param("c", KEY_LOCK_CLASS).param("k", key).query().singleRow();
        if (row.get("request_hash") != null) {
            return done(row, requestHash);
        }
        if (!Boolean.TRUE.equals(row.get("free"))) {
            throw inFlight();
        }
        return java.util.Optional.empty();
    }

    /** In the payment's transaction: the key is done with this payment. */
    void recordDone(String key, String requestHash, String user, long paymentId) {
        Timestamp now = Timestamp.from(time.now());
        jdbc.sql("""
                insert into cashiering_api_idempotency (idempotency_key, request_hash, username, status, payment_id,
                  created_at, finished_at)
                values (:k, :h, :u, 'DONE', :p, :now, :now) on conflict (idempotency_key) do nothing""")
                .param("k", key).param("h", requestHash).param("u", user).param("p", paymentId).param("now", now).update();
    }

    private static java.util.Optional<Long> done(Map<String, Object> row, String requestHash) {
        if (!requestHash.equals(row.get("request_hash"))) {
            throw new BusinessRuleViolation("payment.idempotency-key-reused", "Idempotency-Key",
                    "This Idempotency-Key was used for a different payment; use a new key for a new payment");
        }
        if ("IN_FLIGHT".equals(row.get("status"))) {
            throw inFlight();
        }
        return java.util.Optional.of(((Number) row.get("payment_id")).longValue());
    }

    private static Conflict inFlight() {
        return new Conflict("payment.request-in-flight",
                "A request with this Idempotency-Key is still being processed; retry in a moment");
    }

    /** In a transaction of its own: empty when the key is new (and now claimed IN_FLIGHT); as {@link #claimInTransaction}. */
    java.util.Optional<Long> claim(String key, String requestHash, String user) {
        return own.execute(status -> {
            // a payment on the other path holds the key's lock while it runs
            if (!jdbc.sql("select pg_try_advisory_xact_lock(:c, hashtext(:k))").param("c", KEY_LOCK_CLASS).param("k", key)
                    .query(Boolean.class).single()) {
                throw inFlight();
            }
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
            return done(row, requestHash);
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
