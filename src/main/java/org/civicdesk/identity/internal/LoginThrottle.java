package org.civicdesk.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores failed sign-ins and applies {@link LoginThrottlePolicy}. */
@Component
class LoginThrottle implements org.civicdesk.identity.SignInThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoginThrottlePolicy policy;

    LoginThrottle(JdbcClient jdbc, Clock clock,
            @Value("${civicdesk.security.login-throttle.max-failures:5}") int maxFailures,
            @Value("${civicdesk.security.login-throttle.window:15m}") Duration window,
            @Value("${civicdesk.security.login-throttle.max-lock:15m}") Duration maxLock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.policy = new LoginThrottlePolicy(maxFailures, window, maxLock, maxFailures * 10);
    }

    @Override
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(policy.window()));
        List<Instant> local = jdbc.sql("""
                select failed_at from login_failure
                 where lower(username) = lower(:u) and address = :a and failed_at > :since
                 order by failed_at desc limit 100
                """)
                .param("u", username).param("a", address).param("since", since)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        long all = jdbc.sql("select count(*) from login_failure where lower(username) = lower(:u) and failed_at > :since")
                .param("u", username).param("since", since).query(Long.class).single();
        return policy.lockedUntil(local, all, now);
    }

    @Override
    @Transactional
    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        jdbc.sql("insert into login_failure (username, address, failed_at) values (:u, :a, :t)")
                .param("u", username == null ? "" : username).param("a", address).param("t", Timestamp.from(now))
                .update();
        // forget what no rule looks at any more
        jdbc.sql("delete from login_failure where failed_at < :old")
                .param("old", Timestamp.from(now.minus(policy.window()).minus(Duration.ofDays(1)))).update();
    }

    @Override
    @Transactional
    public void recordSuccess(String username, String address) {
        jdbc.sql("delete from login_failure where lower(username) = lower(:u) and address = :a")
                .param("u", username).param("a", address).update();
    }

    @Override
    @Transactional
    public void clear(String username) {
        jdbc.sql("delete from login_failure where lower(username) = lower(:u)").param("u", username).update();
    }
}
