package org.civicdesk.collections.internal;

import java.time.LocalDate;
import java.time.MonthDay;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The collections rules in force on a date, from collections_rules. */
@Component
class RulesBook {

    private final JdbcClient jdbc;

    RulesBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CollectionsRules on(LocalDate date) {
        return jdbc.sql("select * from collections_rules where effective_from <= :d order by effective_from desc limit 1")
                .param("d", date)
                .query((rs, n) -> new CollectionsRules(rs.getObject("effective_from", LocalDate.class),
                        rs.getInt("deposit_good_months"), rs.getInt("deposit_history_window_months"),
                        rs.getInt("deposit_average_months"), rs.getBigDecimal("deposit_residential_multiple").stripTrailingZeros(),
                        rs.getBigDecimal("deposit_commercial_multiple").stripTrailingZeros(), money(rs.getBigDecimal("deposit_default_electric")),
                        money(rs.getBigDecimal("deposit_default_gas")), money(rs.getBigDecimal("deposit_default_water_group")),
                        money(rs.getBigDecimal("deposit_default_solid_waste_only")), money(rs.getBigDecimal("deposit_round_to")),
                        rs.getInt("deposit_max_installments"), rs.getBigDecimal("late_fee_rate").stripTrailingZeros(),
                        rs.getInt("late_fee_grace_days"), money(rs.getBigDecimal("late_fee_minimum")),
                        money(rs.getBigDecimal("late_fee_floor")), money(rs.getBigDecimal("disconnect_threshold")),
                        MonthDay.parse("--" + rs.getString("moratorium_from")), MonthDay.parse("--" + rs.getString("moratorium_to")),
                        rs.getInt("medical_certificate_days"), rs.getInt("arrangement_max_months"),
                        rs.getInt("arrangement_limit_per_year"), rs.getInt("arrangement_broken_limit"),
                        rs.getInt("arrangement_grace_days"), rs.getInt("extension_max_days")))
                .optional().orElseThrow(() -> new RecordNotFound("date", "No collections rules in force on " + date));
    }

    private static Money money(java.math.BigDecimal v) {
        return Money.of(v);
    }
}
