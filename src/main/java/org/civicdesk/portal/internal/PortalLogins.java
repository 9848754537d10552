package org.civicdesk.portal.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Portal logins, their account links and one-time links, in PostgreSQL. Callers audit. */
@Repository
class PortalLogins {

    static final String PENDING_EMAIL = "PENDING_EMAIL";
    static final String ACTIVE = "ACTIVE";
    static final String LOCKED = "LOCKED";
    static final String VERIFY_EMAIL = "VERIFY_EMAIL";
    static final String RESET_PASSWORD = "RESET_PASSWORD";

    /** A login as stored. */
    record Login(long id, String email, String displayName, String passwordHash, String language, String status,
            byte[] totpSecret, boolean totpEnabled, int totpFailures, Instant lastSignedInAt,
            Instant passwordChangedAt, Instant sessionsValidAfter) {

        PortalCustomer principal() {
            return new PortalCustomer(id, email);
        }
    }

    /** A login linked to an account, as staff see it. */
    record LinkedLogin(long loginId, String email, String status, boolean totpEnabled, Instant linkedAt,
            Instant lastSignedInAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PortalLogins(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String normalEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Login map(ResultSet rs, int n) throws SQLException {
        return new Login(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getString("language"), rs.getString("status"),
                rs.getBytes("totp_secret"), rs.getTimestamp("totp_enabled_at") != null, rs.getInt("totp_failures"),
                instant(rs, "last_signed_in_at"), instant(rs, "password_changed_at"),
                instant(rs, "sessions_valid_after"));
    }

    Optional<Login> byEmail(String email) {
        return jdbc.sql("select * from portal_login where email = :e").param("e", normalEmail(email))
                .query(PortalLogins::map).optional();
    }

    Optional<Login> byId(long id) {
        return jdbc.sql("select * from portal_login where id = :id").param("id", id).query(PortalLogins::map).optional();
    }

    long create(String email, String displayName, String passwordHash, String language) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                insert into portal_login (email, display_name, password_hash, language, status, created_at,
                                          password_changed_at)
                values (:e, :n, :h, :l, 'PENDING_EMAIL', :now, :now) returning id""")
                .param("e", normalEmail(email)).param("n", displayName).param("h", passwordHash).param("l", language)
                .param("now", now).query(Long.class).single();
    }

    /** A second registration of a login not yet verified: whoever opens the new link owns it with this password. */
    void replacePendingPassword(long id, String passwordHash, String language) {
        jdbc.sql("""
                update portal_login set password_hash = :h, language = :l, password_changed_at = :now
                 where id = :id and status = 'PENDING_EMAIL'""")
                .param("h", passwordHash).param("l", language).param("now", Timestamp.from(clock.instant()))
                .param("id", id).update();
    }

    void link(long loginId, String accountNumber, String relation) {
        jdbc.sql("""
                insert into portal_login_account (login_id, account_number, relation, linked_at)
                values (:l, :a, :r, :now)
                on conflict (login_id, account_number)
                do update set unlinked_at = null, unlinked_by = null, linked_at = excluded.linked_at
                 where portal_login_account.unlinked_at is not null""")
                .param("l", loginId).param("a", accountNumber).param("r", relation)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    boolean unlink(long loginId, String accountNumber, String by) {
        return jdbc.sql("""
                update portal_login_account set unlinked_at = :now, unlinked_by = :by
                 where login_id = :l and account_number = :a and unlinked_at is null""")
                .param("now", Timestamp.from(clock.instant())).param("by", by).param("l", loginId)
                .param("a", accountNumber).update() == 1;
    }

    List<LinkedLogin> loginsOfAccount(String accountNumber) {
        return jdbc.sql("""
                select l.id, l.email, l.status, l.totp_enabled_at is not null, la.linked_at, l.last_signed_in_at
                  from portal_login_account la join portal_login l on l.id = la.login_id
                 where la.account_number = :a and la.unlinked_at is null
                 order by la.linked_at, l.id""")
                .param("a", accountNumber)
                .query((rs, n) -> new LinkedLogin(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant(), instant(rs, "last_signed_in_at")))
                .list();
    }

    void activate(long id) {
        jdbc.sql("""
                update portal_login set status = 'ACTIVE', email_verified_at = coalesce(email_verified_at, :now)
                 where id = :id and status = 'PENDING_EMAIL'""")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    /** A new password; sessions begun before now end (another browser signed in with the old password). */
    void changePassword(long id, String passwordHash) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                update portal_login set password_hash = :h, password_changed_at = :now, sessions_valid_after = :now
                 where id = :id""")
                .param("h", passwordHash).param("now", now).param("id", id).update();
    }

    void setLanguage(long id, String language) {
        jdbc.sql("update portal_login set language = :l where id = :id").param("l", language).param("id", id).update();
    }

    void signedIn(long id) {
        jdbc.sql("update portal_login set last_signed_in_at = :now, totp_failures = 0 where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    void setPendingTotpSecret(long id, byte[] sealedSecret) {
        jdbc.sql("update portal_login set totp_secret = :s, totp_enabled_at = null where id = :id")
                .param("s", sealedSecret).param("id", id).update();
    }

    void enableTotp(long id, long confirmedStep) {
        jdbc.sql("""
                update portal_login set totp_enabled_at = :now, totp_last_step = :step
                where id = :id and totp_secret is not null""")
                .param("now", Timestamp.from(clock.instant())).param("step", confirmedStep).param("id", id).update();
    }

    void disableTotp(long id) {
        jdbc.sql("update portal_login set totp_secret = null, totp_enabled_at = null, totp_last_step = null where id = :id")
                .param("id", id).update();
    }

    /** Takes a code's time step for a sign-in; false when it (or a later one) was used already: one use per code. */
    boolean useTotpStep(long id, long step) {
        return jdbc.sql("""
                update portal_login set totp_last_step = :step
                where id = :id and (totp_last_step is null or totp_last_step < :step)""")
                .param("step", step).param("id", id).update() == 1;
    }

    /** Counts a wrong second-factor code; at the limit the login is LOCKED. The count after this one. */
    int recordTotpFailure(long id, int lockAfter) {
        return jdbc.sql("""
                update portal_login set totp_failures = totp_failures + 1,
                       status = case when totp_failures + 1 >= :lockAfter and status = 'ACTIVE' then 'LOCKED' else status end
                 where id = :id returning totp_failures""")
                .param("lockAfter", lockAfter).param("id", id).query(Integer.class).single();
    }

    void unlock(long id) {
        jdbc.sql("""
                update portal_login set status = case when status = 'LOCKED' then 'ACTIVE' else status end,
                       totp_failures = 0 where id = :id""")
                .param("id", id).update();
    }

    // ---- one-time links

    /** A new link for the login; earlier unused links of the same purpose stop working. The token, in clear. */
    String issueToken(long loginId, String purpose, Duration validFor) {
        Instant now = clock.instant();
        jdbc.sql("""
                update portal_token set used_at = :now
                 where login_id = :l and purpose = :p and used_at is null""")
                .param("now", Timestamp.from(now)).param("l", loginId).param("p", purpose).update();
        String token = OneTimeTokens.newToken();
        jdbc.sql("""
                insert into portal_token (login_id, purpose, token_hash, created_at, expires_at)
                values (:l, :p, :h, :now, :exp)""")
                .param("l", loginId).param("p", purpose).param("h", OneTimeTokens.hash(token))
                .param("now", Timestamp.from(now)).param("exp", Timestamp.from(now.plus(validFor))).update();
        return token;
    }

    /** The login of a link that is unused and unexpired, without using it. */
    Optional<Long> peekToken(String token, String purpose) {
        return jdbc.sql("""
                select login_id from portal_token
                 where token_hash = :h and purpose = :p and used_at is null and expires_at > :now""")
                .param("h", OneTimeTokens.hash(token)).param("p", purpose).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).optional();
    }

    /** Uses the link: the login, once; empty when it is unknown, used or expired. */
    Optional<Long> useToken(String token, String purpose) {
        return jdbc.sql("""
                update portal_token set used_at = :now
                 where token_hash = :h and purpose = :p and used_at is null and expires_at > :now
                returning login_id""")
                .param("h", OneTimeTokens.hash(token)).param("p", purpose).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).optional();
    }

    // ---- rate limits

    /** Records a request and answers how many of its kind and key came within the window, this one included. */
    int countRequest(String kind, String key, Duration window) {
        Instant now = clock.instant();
        jdbc.sql("insert into portal_request_log (kind, key, requested_at) values (:k, :key, :now)")
                .param("k", kind).param("key", key).param("now", Timestamp.from(now)).update();
        jdbc.sql("delete from portal_request_log where requested_at < :old")
                .param("old", Timestamp.from(now.minus(Duration.ofDays(1)))).update();
        return jdbc.sql("select count(*) from portal_request_log where kind = :k and key = :key and requested_at > :since")
                .param("k", kind).param("key", key).param("since", Timestamp.from(now.minus(window)))
                .query(Integer.class).single();
    }
}
