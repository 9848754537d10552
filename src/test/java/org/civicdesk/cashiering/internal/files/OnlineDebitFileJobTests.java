package org.civicdesk.cashiering.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/** The daily job that makes the portal's WEB debit file (scheduling is off in tests: the job is called). */
@CivicDeskTest
class OnlineDebitFileJobTests {

    @Autowired OnlineDebitFileJob job;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    @Test
    void theJobMakesTheDaysFileOnceAsTheSystem() {
        // a date long past, so that no portal payment of the other tests is in it
        LocalDate day = LocalDate.now(clock).minusYears(10);
        OnlineDebitFiles.OnlineDebitFile file = job.run(day);
        assertThat(job.run(day)).isEqualTo(file);
        assertThat(file.fileDate()).isEqualTo(day);
        assertThat(file.effectiveDate()).isAfter(day);
        assertThat(file.effectiveDate().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(jdbc.sql("""
                select actor from audit_event where record_type = 'cashiering_online_debit_file' and record_id = :id
                   and action = 'generated'""").param("id", Long.toString(file.id())).query(String.class).list())
                .containsExactly("system:online-debit-file");
    }

    @Test
    void itRunsEveryEveningAtFiveInTheBusinessZone() throws Exception {
        Scheduled scheduled = OnlineDebitFileJob.class.getMethod("daily").getAnnotation(Scheduled.class);
        String cron = scheduled.cron().replaceAll("^\\$\\{[^:]+:(.*)}$", "$1");
        assertThat(scheduled.zone()).endsWith(":America/Phoenix}");
        LocalDateTime next = CronExpression.parse(cron).next(LocalDateTime.of(2026, 11, 27, 9, 0));
        assertThat(next).isEqualTo(LocalDateTime.of(2026, 11, 27, 17, 0));
        assertThat(CronExpression.parse(cron).next(next)).isEqualTo(LocalDateTime.of(2026, 11, 28, 17, 0));
    }

    @Test
    void theNextBankingDaySkipsTheWeekend() {
        assertThat(OnlineDebitFiles.nextBankingDay(LocalDate.of(2026, 11, 27))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(OnlineDebitFiles.nextBankingDay(LocalDate.of(2026, 11, 28))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(OnlineDebitFiles.nextBankingDay(LocalDate.of(2026, 11, 30))).isEqualTo(LocalDate.of(2026, 12, 1));
    }
}
