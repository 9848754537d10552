package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.civicdesk.audit.AuditActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every morning after the collections job: the deposit review, then the write-offs (a deposit is applied to
 * the final bill before what is left is written off) and the day's agency batch. Idempotent by business date:
 * each step finds only what is not yet done, and the day's outcome is kept in collections_job_run (the first
 * run's; a second run of the date does nothing and reports the first).
 */
@Component
class DepositAndWriteOffJob {

    static final String JOB = "deposits-and-write-offs";
    private static final Logger log = LoggerFactory.getLogger(DepositAndWriteOffJob.class);

    /** Both outcomes of a date. */
    record DayOutcome(LocalDate businessDate, DepositReview.Outcome deposits, WriteOffs.Outcome writeOffs) {

        String text() {
            return "deposits: " + deposits + "; write-offs: " + writeOffs;
        }
    }

    private final DepositReview review;
    private final WriteOffs writeOffs;
    private final JdbcClient jdbc;
    private final Clock clock;

    DepositAndWriteOffJob(DepositReview review, WriteOffs writeOffs, JdbcClient jdbc, Clock clock) {
        this.review = review;
        this.writeOffs = writeOffs;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "0 0 2 * * *", zone = "${civicdesk.time-zone:America/Phoenix}")
    public void daily() {
        run(LocalDate.now(clock));
    }

    /** Runs the date's review and write-offs; what this run did. */
    DayOutcome run(LocalDate businessDate) {
        return AuditActor.runAs("system:collections", () -> {
            java.sql.Timestamp started = java.sql.Timestamp.from(clock.instant());
            DepositReview.Outcome d = review.run(businessDate);
            WriteOffs.Outcome w = writeOffs.run(businessDate);
            DayOutcome outcome = new DayOutcome(businessDate, d, w);
            jdbc.sql("""
                    insert into collections_job_run (job, business_date, outcome, started_at, finished_at)
                    values (:j, :d, :o, :s, :f) on conflict (job, business_date) do nothing""").param("j", JOB).param("d", businessDate)
                    .param("o", outcome.text()).param("s", started).param("f", java.sql.Timestamp.from(clock.instant())).update();
            log.info("Deposit review and write-offs {}: {}", businessDate, outcome.text());
            return outcome;
        });
    }

    /** The outcome recorded by the date's first run. */
    Optional<String> recorded(LocalDate businessDate) {
        return jdbc.sql("select outcome from collections_job_run where job = :j and business_date = :d").param("j", JOB)
                .param("d", businessDate).query(String.class).optional();
    }
}
