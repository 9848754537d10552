package org.civicdesk.cashiering.internal.files;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Autopay without anyone at the page: every afternoon the PPD file for the bills due tomorrow (the bank needs it a
 * day ahead), and every morning the debits whose effective date has come are posted as payments. Evenings the job
 * did not run are caught up, at most a week back and never before the newest file: a due day made late is collected
 * today, never backdated (Autopay.generate).
 */
@Component
class AutopayJob {

    private static final Logger log = LoggerFactory.getLogger(AutopayJob.class);
    static final int CATCH_UP_DAYS = 7;

    private final Autopay autopay;
    private final JdbcClient jdbc;
    private final Clock clock;

    AutopayJob(Autopay autopay, JdbcClient jdbc, Clock clock) {
        this.autopay = autopay;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "${civicdesk.cashiering.autopay.file-cron:0 30 16 * * *}",
            zone = "${civicdesk.time-zone:America/Phoenix}")
    public void makeFiles() {
        makeFiles(LocalDate.now(clock));
    }

    @Scheduled(cron = "${civicdesk.cashiering.autopay.post-cron:0 0 6 * * *}",
            zone = "${civicdesk.time-zone:America/Phoenix}")
    public void postSettled() {
        postSettled(LocalDate.now(clock));
    }

    /** The files for the due days from the last one made (at most a week back) through tomorrow. */
    List<Autopay.AutopayFile> makeFiles(LocalDate today) {
        LocalDate tomorrow = today.plusDays(1);
        LocalDate newest = jdbc.sql("select max(due_date) from autopay_file where due_date <= :d").param("d", Date.valueOf(tomorrow))
                .query(LocalDate.class).optional().orElse(null);
        LocalDate from = newest == null ? tomorrow : max(newest.plusDays(1), today.minusDays(CATCH_UP_DAYS - 1));
        List<Autopay.AutopayFile> made = new ArrayList<>();
        AuditActor.runAs("system:autopay", () -> {
            for (LocalDate due = from; !due.isAfter(tomorrow); due = due.plusDays(1)) {
                Autopay.AutopayFile file = autopay.generate(due);
                log.info("Autopay file for bills due {}: {} debits, {}, effective {}", due, file.entryCount(),
                        file.total().formatted(), file.effectiveDate());
                made.add(file);
            }
        });
        return made;
    }

    int postSettled(LocalDate today) {
        return AuditActor.runAs("system:autopay", () -> {
            int posted = autopay.postSettled(today);
            if (posted > 0) {
                log.info("Autopay: {} debits posted as payments on {}", posted, today);
            }
            return posted;
        });
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
