package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every morning: the late fees of the business date (bills not yet decided, so a missed day is caught up)
 * and the review of current arrangements. The daily collection schedule (notices, door hangers, disconnect
 * orders) will join it.
 */
@Component
class CollectionsDailyJob {

    private static final Logger log = LoggerFactory.getLogger(CollectionsDailyJob.class);

    private final LateFees lateFees;
    private final Arrangements arrangements;
    private final Clock clock;

    CollectionsDailyJob(LateFees lateFees, Arrangements arrangements, Clock clock) {
        this.lateFees = lateFees;
        this.arrangements = arrangements;
        this.clock = clock;
    }

    @Scheduled(cron = "0 30 1 * * *", zone = "${civicdesk.time-zone:America/Phoenix}")
    public void daily() {
        LocalDate today = LocalDate.now(clock);
        AuditActor.runAs("system:collections", () -> {
            LateFees.Outcome fees = lateFees.run(today, null);
            int changed = arrangements.review(today);
            log.info("Collections {}: {} bills assessed, {} late fees charged ({}), {} arrangements broken or completed",
                    today, fees.assessed(), fees.charged(), fees.total().formatted(), changed);
        });
    }
}
