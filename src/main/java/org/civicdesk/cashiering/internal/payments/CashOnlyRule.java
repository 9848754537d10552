package org.civicdesk.cashiering.internal.payments;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicdesk.platform.BusinessTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The returned-payment rule of city-profile.md: a configured number of returns (2) within 12 months makes the
 * account cash-only (certified funds) for 12 months after the return that crossed the line.
 */
@Component
public class CashOnlyRule {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final CashieringSettings settings;

    CashOnlyRule(JdbcClient jdbc, java.time.Clock clock, CashieringSettings settings) {
        this.jdbc = jdbc;
        this.time = new BusinessTime(clock);
        this.settings = settings;
    }

    int returnsRequired() {
        return settings.cashOnlyReturns();
    }

    /** Until when the target takes certified funds only, if it does today. */
    public Optional<LocalDate> cashOnlyUntil(String targetType, String reference) {
        List<LocalDate> returns = jdbc.sql("""
                select business_date from cashiering_payment_reversal
                where kind = 'RETURN' and target_type = :t and target_reference = :r order by business_date desc
                """).param("t", targetType).param("r", reference).query(LocalDate.class).list();
        return until(returns, settings.cashOnlyReturns(), settings.cashOnlyMonths())
                .filter(d -> !d.isBefore(time.today()));
    }

    /** {@link #cashOnlyUntil} for many references of one type in one query; references not cash-only are absent. */
    public java.util.Map<String, LocalDate> cashOnlyUntilAll(String targetType, java.util.Collection<String> references) {
        java.util.Map<String, List<LocalDate>> returns = new java.util.HashMap<>();
        jdbc.sql("""
                select target_reference, business_date from cashiering_payment_reversal
                where kind = 'RETURN' and target_type = :t and target_reference = any(:r)
                """).param("t", targetType).param("r", references.toArray(String[]::new))
                .query((rs, n) -> returns.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(rs.getObject(2, LocalDate.class)))
                .list();
        java.util.Map<String, LocalDate> cashOnly = new java.util.HashMap<>();
        returns.forEach((reference, dates) -> until(dates, settings.cashOnlyReturns(), settings.cashOnlyMonths())
                .filter(d -> !d.isBefore(time.today())).ifPresent(d -> cashOnly.put(reference, d)));
        return cashOnly;
    }

    /** Pure: the latest end of a cash-only period the return dates (any order) start. */
    static Optional<LocalDate> until(List<LocalDate> returnDates, int returns, int months) {
        List<LocalDate> sorted = returnDates.stream().sorted().toList();
        LocalDate until = null;
        for (int i = returns - 1; i < sorted.size(); i++) {
            LocalDate crossing = sorted.get(i);
            LocalDate first = sorted.get(i - returns + 1);
            if (first.isAfter(crossing.minusMonths(months))) {
                until = crossing.plusMonths(months);
            }
        }
        return Optional.ofNullable(until);
    }
}
