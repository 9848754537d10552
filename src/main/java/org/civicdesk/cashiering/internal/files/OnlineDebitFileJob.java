package org.civicdesk.cashiering.internal.files;

import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the day's portal debit file every evening in the business time zone (by default at 17:00, before the
 * bank's cut-off for next-day settlement; civicdesk.cashiering.online-debits.cron moves it). Payments made after
 * the run go in the next day's file; a day the job did not run is caught up by the next file, which takes every
 * payment not yet filed.
 */
@Component
class OnlineDebitFileJob {

    private static final Logger log = LoggerFactory.getLogger(OnlineDebitFileJob.class);

    private final OnlineDebitFiles files;
    private final Clock clock;

    OnlineDebitFileJob(OnlineDebitFiles files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    @Scheduled(cron = "${civicdesk.cashiering.online-debits.cron:0 0 17 * * *}",
            zone = "${civicdesk.time-zone:America/Phoenix}")
    public void daily() {
        run(LocalDate.now(clock));
    }

    OnlineDebitFiles.OnlineDebitFile run(LocalDate today) {
        return AuditActor.runAs("system:online-debit-file", () -> {
            OnlineDebitFiles.OnlineDebitFile file = files.generate(today);
            log.info("Portal bank debit file of {}: {} debits, {}, effective {}", file.fileDate(), file.entryCount(),
                    file.total().formatted(), file.effectiveDate());
            return file;
        });
    }
}
