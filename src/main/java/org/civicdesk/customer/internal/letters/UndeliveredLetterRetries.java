package org.civicdesk.customer.internal.letters;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.platform.BusinessTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the letters the after-commit hand-over did not: QUEUED letters older than a minute (the instance stopped
 * before sending them) and SEND_FAILED letters with attempts left, each after a back-off that doubles with every
 * attempt. A letter claimed as SENDING for more than ten minutes was abandoned by a stopped instance and is queued
 * again. Runs every few minutes when scheduling is enabled.
 */
@Component
class UndeliveredLetterRetries {

    private static final Logger log = LoggerFactory.getLogger(UndeliveredLetterRetries.class);

    /** A QUEUED letter younger than this is still expected to be sent by the after-commit hand-over. */
    static final Duration QUEUED_GRACE = Duration.ofMinutes(1);

    /** A letter SENDING for longer than this was abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final LetterMailer mailer;
    private final BusinessTime time;
    private final Duration firstBackOff;

    UndeliveredLetterRetries(JdbcClient jdbc, LetterMailer mailer, BusinessTime time,
            @Value("${civicdesk.letters.first-retry-after:PT5M}") Duration firstBackOff) {
        this.jdbc = jdbc;
        this.mailer = mailer;
        this.time = time;
        this.firstBackOff = firstBackOff;
    }

    @Scheduled(fixedDelayString = "${civicdesk.letters.retry-every:PT3M}", initialDelayString = "PT1M")
    public void onSchedule() {
        retryUndelivered();
    }

    /**
     * Queues abandoned letters again, then tries each due letter once.
     *
     * @return how many letters were sent
     */
    int retryUndelivered() {
        return AuditActor.runAs("system:letter-retries", () -> {
            Instant now = time.now();
            requeueAbandoned(now);
            int sent = 0;
            for (long letterId : dueForSending(now)) {
                if (mailer.deliver(letterId)) {
                    sent++;
                }
            }
            return sent;
        });
    }

    private void requeueAbandoned(Instant now) {
        List<Long> requeued = jdbc.sql("""
                update letter
                   set status = 'QUEUED',
                       status_detail = 'Sending was interrupted; queued again'
                 where status = 'SENDING' and last_attempt_at < :abandonedBefore
                returning id
                """)
                .param("abandonedBefore", Timestamp.from(now.minus(ABANDONED_AFTER)))
                .query(Long.class).list();
        if (!requeued.isEmpty()) {
            log.warn("Letters {} were left SENDING for over {} and are queued again", requeued, ABANDONED_AFTER);
        }
    }

    /** QUEUED letters past the grace period, and failed letters with attempts left whose back-off has passed. */
    private List<Long> dueForSending(Instant now) {
        return jdbc.sql("""
                select id from letter
                 where (status = 'QUEUED' and created_at < :queuedBefore)
                    or (status = 'SEND_FAILED'
                        and attempts < :maxAttempts
                        and coalesce(last_attempt_at, created_at) <= cast(:now as timestamptz) - make_interval(secs => :firstBackOffSeconds * power(2, attempts - 1)))
                 order by created_at, id
                 limit 100
                """)
                .param("queuedBefore", Timestamp.from(now.minus(QUEUED_GRACE)))
                .param("maxAttempts", mailer.maxAttempts())
                .param("now", Timestamp.from(now))
                .param("firstBackOffSeconds", firstBackOff.toSeconds())
                .query(Long.class).list();
    }
}
