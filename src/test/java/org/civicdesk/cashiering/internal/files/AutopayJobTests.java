package org.civicdesk.cashiering.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/** The autopay job (scheduling is off in tests: the job is called with the day). */
@CivicDeskTest
class AutopayJobTests {

    @Autowired AutopayJob job;
    @Autowired Autopay autopay;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    @Test
    void eachAfternoonMakesTomorrowsFileOnceAndCatchesUpMissedEveningsFromTheNewestFile() {
        // before every other test's autopay file (the catch-up starts from the newest file before the day)
        LocalDate day = LocalDate.now(clock).minusYears(20);
        List<Autopay.AutopayFile> first = job.makeFiles(day);
        assertThat(first).extracting(Autopay.AutopayFile::dueDate).containsExactly(day.plusDays(1));
        // run again the same afternoon: nothing new, the file stands as made
        assertThat(job.makeFiles(day)).isEmpty();
        assertThat(autopay.fileFor(day.plusDays(1)).orElseThrow().id()).isEqualTo(first.get(0).id());

        // three evenings missed: the next run makes the three due days it missed and tomorrow's
        List<Autopay.AutopayFile> later = job.makeFiles(day.plusDays(4));
        assertThat(later).extracting(Autopay.AutopayFile::dueDate)
                .containsExactly(day.plusDays(2), day.plusDays(3), day.plusDays(4), day.plusDays(5));
        // a file made after its due day is collected today or on the next banking day, never on a day gone by
        assertThat(later).allSatisfy(f -> assertThat(f.effectiveDate()).isAfterOrEqualTo(LocalDate.now(clock)));
        assertThat(jdbc.sql("""
                select distinct actor from audit_event where record_type = 'autopay_file' and action = 'generated'
                   and record_id in (select id::text from autopay_file where due_date between :a and :b)""")
                .param("a", day).param("b", day.plusDays(5)).query(String.class).list())
                .containsExactly("system:autopay");
    }

    @Test
    void aLongOutageCatchesUpAWeekAtMost() {
        LocalDate day = LocalDate.now(clock).minusYears(14);
        job.makeFiles(day);
        List<Autopay.AutopayFile> after = job.makeFiles(day.plusDays(30));
        assertThat(after).hasSize(AutopayJob.CATCH_UP_DAYS + 1);
        assertThat(after.get(0).dueDate()).isEqualTo(day.plusDays(30 - AutopayJob.CATCH_UP_DAYS + 1));
        assertThat(after.get(after.size() - 1).dueDate()).isEqualTo(day.plusDays(31));
    }

    @Test
    void filesAtHalfPastFourAndPostsAtSixInTheBusinessZone() throws Exception {
        Scheduled files = AutopayJob.class.getMethod("makeFiles").getAnnotation(Scheduled.class);
        Scheduled post = AutopayJob.class.getMethod("postSettled").getAnnotation(Scheduled.class);
        assertThat(files.zone()).endsWith(":America/Phoenix}");
        assertThat(post.zone()).endsWith(":America/Phoenix}");
        LocalDateTime morning = LocalDateTime.of(2026, 11, 27, 5, 0);
        assertThat(CronExpression.parse(files.cron().replaceAll("^\\$\\{[^:]+:(.*)}$", "$1")).next(morning))
                .isEqualTo(LocalDateTime.of(2026, 11, 27, 16, 30));
        assertThat(CronExpression.parse(post.cron().replaceAll("^\\$\\{[^:]+:(.*)}$", "$1")).next(morning))
                .isEqualTo(LocalDateTime.of(2026, 11, 27, 6, 0));
    }

    @Test
    void traceNumbersComeFromOneSequenceAboveThePortalsRange() {
        long a = jdbc.sql("select nextval('autopay_trace_seq')").query(Long.class).single();
        long b = jdbc.sql("select nextval('autopay_trace_seq')").query(Long.class).single();
        assertThat(a).isGreaterThanOrEqualTo(1_000_001L);
        assertThat(b).isEqualTo(a + 1);
        // the two debit files' sequences wrap within ranges of their own, so they never share a trace
        assertThat(jdbc.sql("""
                select sequencename || ' ' || min_value || '-' || max_value || ' ' || cycle from pg_sequences
                where sequencename in ('autopay_trace_seq', 'cashiering_online_debit_trace_seq') order by 1""")
                .query(String.class).list())
                .containsExactly("autopay_trace_seq 1000001-9999999 true", "cashiering_online_debit_trace_seq 1-999999 true");
    }
}
