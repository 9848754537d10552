package org.civicdesk.billrun.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.WinterQuarterAverage;
import org.civicdesk.platform.BusinessTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each April 1 (or the first day after it that the job runs), the winter quarter average of every water
 * agreement from its issued, not cancelled water bill services read in December, January or February
 * (tariffs.md; computed by {@link WinterQuarterAverage}). Done once per year: a second call changes nothing.
 */
@Component
public class WinterQuarterAverageJob {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BusinessTime time;
    private final AuditTrail audit;

    WinterQuarterAverageJob(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.time = new BusinessTime(clock);
        this.audit = audit;
    }

    @Scheduled(cron = "0 15 1 * * *", zone = "${civicdesk.time-zone:America/Phoenix}")
    void daily() {
        AuditActor.runAs("system:wqa", () -> recompute(time.today()));
    }

    /** Recomputes the WQA for the year of the date when it is on or after April 1 and not done yet; returns how many. */
    public int recompute(LocalDate today) {
        LocalDate effective = LocalDate.of(today.getYear(), 4, 1);
        if (today.isBefore(effective)) {
            return 0;
        }
        return tx.execute(status -> {
            int claimed = jdbc.sql("""
                    insert into billing_wqa_year (effective_from, agreements, computed_at, computed_by)
                    values (?, 0, ?, ?) on conflict (effective_from) do nothing""")
                    .params(effective, time.now().atZone(time.zone()).toOffsetDateTime(), BillMaker.actor()).update();
            if (claimed == 0) {
                return 0;
            }
            Map<Long, List<WinterQuarterAverage.Period>> periods = new LinkedHashMap<>();
            jdbc.sql("""
                    select s.agreement_id, s.period_to, s.days, s.consumption
                    from bill_service s
                    where s.service_type = 'WATER' and s.period_to >= ? and s.period_to < ?
                      and not exists (select 1 from bill_cancellation x where x.bill_id = s.bill_id)
                    order by s.agreement_id, s.period_to""")
                    .params(effective.minusMonths(4), effective.minusMonths(1))
                    .query((rs, n) -> periods.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new WinterQuarterAverage.Period(rs.getObject(2, LocalDate.class), rs.getInt(3),
                                    rs.getBigDecimal(4))))
                    .list();
            List<String[]> rows = new ArrayList<>();
            periods.forEach((agreement, list) -> {
                BigDecimal wqa = WinterQuarterAverage.of(list);
                if (wqa != null) {
                    int days = list.stream().mapToInt(WinterQuarterAverage.Period::days).sum();
                    BigDecimal kgal = list.stream().map(p -> p.consumption() == null ? BigDecimal.ZERO : p.consumption())
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    rows.add(new String[] {agreement.toString(), wqa.toPlainString(), Integer.toString(days),
                            kgal.toPlainString()});
                }
            });
            if (!rows.isEmpty()) {
                jdbc.sql("""
                        insert into billing_wqa (agreement_id, effective_from, wqa, winter_days, winter_kgal, computed_at)
                        select a::bigint, ?, w::numeric, d::int, k::numeric, ?
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as t (a, w, d, k)
                        on conflict (agreement_id, effective_from) do nothing""")
                        .params(effective, time.now().atZone(time.zone()).toOffsetDateTime(), col(rows, 0), col(rows, 1),
                                col(rows, 2), col(rows, 3))
                        .update();
            }
            jdbc.sql("update billing_wqa_year set agreements = ? where effective_from = ?").params(rows.size(), effective)
                    .update();
            audit.recordChange("billing_wqa_year", effective.toString(), "computed", null,
                    Map.of("agreements", rows.size()));
            return rows.size();
        });
    }

    private static String[] col(List<String[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toArray(String[]::new);
    }
}
