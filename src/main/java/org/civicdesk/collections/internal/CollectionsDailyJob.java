package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import org.civicdesk.audit.AuditActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every morning, for the business date: the late fees (bills not yet decided, so a missed day is caught up),
 * the review of current arrangements (a broken one returns the account to the schedule), then the collection
 * schedule (reminders, final notices, door hangers, disconnect orders). Each part is idempotent by business
 * date, so the whole job may run twice.
 */
@Component
class CollectionsDailyJob {

    private static final Logger log = LoggerFactory.getLogger(CollectionsDailyJob.class);

    /** What one day's run did. */
    record Result(LateFees.Outcome lateFees, int arrangementsChanged, CollectionSchedule.Outcome schedule) {
    }

    private final LateFees lateFees;
    private final Arrangements arrangements;
    private final CollectionSchedule schedule;
    private final Clock clock;

    CollectionsDailyJob(LateFees lateFees, Arrangements arrangements, CollectionSchedule schedule, Clock clock) {
        this.lateFees = lateFees;
        this.arrangements = arrangements;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Scheduled(cron = "0 30 1 * * *", zone = "${civicdesk.time-zone:America/Phoenix}")
    public void daily() {
        run(LocalDate.now(clock), null);
    }

    /**
     * The job of a business date.
     *
     * @param onlyAccounts limits the late fees and the schedule to these account numbers, or null for all
     */
    Result run(LocalDate today, Collection<String> onlyAccounts) {
        return AuditActor.runAs("system:collections", () -> {
            LateFees.Outcome fees = lateFees.run(today, onlyAccounts);
            int changed = arrangements.review(today);
            CollectionSchedule.Outcome steps = schedule.run(today, onlyAccounts);
            log.info("Collections {}: {} bills assessed, {} late fees charged ({}), {} arrangements broken or completed; "
                    + "schedule: {} accounts past due, {} steps taken, {} passed over, {} held, {} letters, {} field orders, {} failed",
                    today, fees.assessed(), fees.charged(), fees.total().formatted(), changed, steps.pastDue(), steps.taken(),
                    steps.skipped(), steps.held(), steps.letters(), steps.fieldOrders(), steps.failed());
            return new Result(fees, changed, steps);
        });
    }
}
