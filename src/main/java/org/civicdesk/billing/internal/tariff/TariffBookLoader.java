package org.civicdesk.billing.internal.tariff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the whole book into a {@link TariffSnapshot}: a few hundred rows, five queries. */
public final class TariffBookLoader {

    private final JdbcClient jdbc;

    public TariffBookLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long revision() {
        return jdbc.sql("select revision from billing_tariff_revision where id = 1").query(Long.class).single();
    }

    public TariffSnapshot load() {
        long revision = revision();
        Map<Long, List<Charge>> charges = new LinkedHashMap<>();
        jdbc.sql("select * from billing_rate_charge order by version_id, line_no").query(rs -> {
            charges.computeIfAbsent(rs.getLong("version_id"), k -> new ArrayList<>()).add(charge(rs));
        });
        Map<String, List<ScheduleVersion>> versions = new LinkedHashMap<>();
        jdbc.sql("select * from billing_rate_version order by schedule_code, effective_from").query(rs -> {
            long id = rs.getLong("id");
            versions.computeIfAbsent(rs.getString("schedule_code"), k -> new ArrayList<>()).add(new ScheduleVersion(id,
                    rs.getString("schedule_code"), rs.getInt("version_no"), rs.getObject("effective_from", LocalDate.class),
                    rs.getString("note"), rs.getString("created_by"), charges.getOrDefault(id, List.of())));
        });
        List<RateSchedule> schedules = jdbc.sql("select * from billing_rate_schedule order by code")
                .query((rs, n) -> new RateSchedule(rs.getString("code"), rs.getString("description"),
                        rs.getString("service_type"), rs.getString("customer_class"), rs.getString("fund"),
                        rs.getString("consumption_unit"), rs.getBigDecimal("default_wqa"),
                        versions.getOrDefault(rs.getString("code"), List.of())))
                .list();
        List<AdjusterVersion> adjusters = jdbc.sql("""
                select v.*, a.description, a.unit from billing_adjuster_version v
                  join billing_adjuster a on a.code = v.adjuster_code order by v.adjuster_code, v.effective_from
                """).query((rs, n) -> new AdjusterVersion(rs.getLong("id"), rs.getString("adjuster_code"),
                rs.getString("description"), rs.getString("unit"), rs.getObject("effective_from", LocalDate.class),
                rs.getBigDecimal("price"), rs.getString("note"))).list();
        List<TaxRate> taxes = jdbc.sql("select * from billing_tax_rate order by jurisdiction, effective_from")
                .query((rs, n) -> new TaxRate(rs.getLong("id"), rs.getString("jurisdiction"), rs.getString("description"),
                        rs.getBigDecimal("rate"), rs.getObject("effective_from", LocalDate.class)))
                .list();
        return new TariffSnapshot(revision, schedules, adjusters, taxes);
    }

    private static Charge charge(ResultSet rs) throws SQLException {
        return new Charge(rs.getInt("line_no"), rs.getString("part"), ChargeKind.valueOf(rs.getString("kind")),
                rs.getString("description"), Season.valueOf(rs.getString("season")), rs.getString("unit"),
                rs.getBigDecimal("price"), rs.getBigDecimal("tier_from"), rs.getBigDecimal("tier_to"),
                rs.getBigDecimal("threshold"), rs.getString("adjuster_code"), rs.getString("option_code"),
                rs.getBigDecimal("option_value"), rs.getBigDecimal("multiplier"), rs.getBoolean("taxable"),
                rs.getString("account"));
    }
}
