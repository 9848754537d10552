package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Meters: added to stock, installed at a premise's service point with an initial read, removed, exchanged. */
@Component
public class MeterDesk {

    /** A meter to add. Units follow from the service: kWh, therm or kgal. */
    public record NewMeter(String meterNumber, String serviceType, String serial, String manufacturer, Integer dialCount,
            BigDecimal multiplier, boolean hasDemand, BigDecimal sizeInches) {
    }

    /** A meter as stored, with where it is now (null when in stock). */
    public record Meter(long id, String meterNumber, String serviceType, String serial, String manufacturer,
            int dialCount, BigDecimal multiplier, String units, boolean hasDemand, BigDecimal sizeInches,
            Long servicePointId, Long premiseId, String premiseAddress) {
    }

    private final JdbcClient jdbc;
    private final ReadIntake intake;
    private final AuditTrail audit;
    private final Clock clock;

    MeterDesk(JdbcClient jdbc, ReadIntake intake, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    static String unitsOf(String serviceType) {
        return switch (serviceType) {
            case "ELECTRIC" -> "kWh";
            case "GAS" -> "therm";
            default -> "kgal";
        };
    }

    @Transactional
    public Meter add(NewMeter m) {
        String number = m.meterNumber() == null ? "" : m.meterNumber().trim().toUpperCase(Locale.ROOT);
        if (!number.matches("[A-Z0-9-]{3,20}")) {
            throw new BusinessRuleViolation("meters.invalid", "meterNumber",
                    "a meter number is 3 to 20 letters, digits or dashes");
        }
        String type = m.serviceType() == null ? "" : m.serviceType().trim().toUpperCase(Locale.ROOT);
        if (!List.of("ELECTRIC", "GAS", "WATER", "IRRIGATION", "HYDRANT").contains(type)) {
            throw new BusinessRuleViolation("meters.invalid", "serviceType",
                    "a meter serves electric, gas, water, irrigation or hydrant");
        }
        int dials = m.dialCount() == null ? 5 : m.dialCount();
        if (dials < 3 || dials > 9) {
            throw new BusinessRuleViolation("meters.invalid", "dialCount", "a meter has 3 to 9 dials");
        }
        BigDecimal multiplier = m.multiplier() == null ? BigDecimal.ONE : m.multiplier();
        if (multiplier.signum() <= 0) {
            throw new BusinessRuleViolation("meters.invalid", "multiplier", "the multiplier is above zero");
        }
        if (m.hasDemand() && !"ELECTRIC".equals(type)) {
            throw new BusinessRuleViolation("meters.invalid", "hasDemand", "only electric meters record demand");
        }
        if (jdbc.sql("select exists (select 1 from meter where meter_number = ?)").param(number).query(Boolean.class).single()) {
            throw new Conflict("meters.duplicate", "meter " + number + " already exists");
        }
        long id = jdbc.sql("""
                insert into meter (meter_number, service_type, serial, manufacturer, dial_count, multiplier, units,
                                   has_demand, size_inches, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(number, type, blankTo(m.serial(), number), blankTo(m.manufacturer(), "unknown"), dials,
                        multiplier, unitsOf(type), m.hasDemand(), m.sizeInches(), Timestamp.from(clock.instant()),
                        Actors.current())
                .query(Long.class).single();
        Meter meter = meter(number);
        audit.recordChange("meter", number, "added", null, summary(meter));
        return meter;
    }

    /** Installs a meter from stock at the premise's service point for its service, with its initial read. */
    @Transactional
    public Meter install(String meterNumber, long premiseId, LocalDate on, BigDecimal initialReading) {
        Meter m = meter(meterNumber);
        if (m.servicePointId() != null) {
            throw new Conflict("meters.installed", "meter " + m.meterNumber() + " is installed at " + m.premiseAddress()
                    + "; remove it first");
        }
        requireDate(on);
        long sp = servicePoint(premiseId, m.serviceType());
        String current = jdbc.sql("""
                select m.meter_number from meter_install mi join meter m on m.id = mi.meter_id
                 where mi.service_point_id = ? and (mi.removed_on is null or mi.removed_on > ?)""")
                .params(sp, on).query(String.class).optional().orElse(null);
        if (current != null) {
            throw new Conflict("meters.point-taken", "meter " + current + " is installed at this service point; "
                    + "exchange it instead");
        }
        jdbc.sql("""
                insert into meter_install (meter_id, service_point_id, installed_on, created_at, created_by)
                values (?, ?, ?, ?, ?)""").params(m.id(), sp, on, Timestamp.from(clock.instant()), Actors.current()).update();
        Long readId = read(m.meterNumber(), on, initialReading, "INITIAL");
        Meter after = meter(m.meterNumber());
        audit.recordChange("meter", m.meterNumber(), "installed", summary(m),
                summary(after, "installedOn", on.toString(), "initialReadId", readId));
        return after;
    }

    /** Removes a meter with its final read. */
    @Transactional
    public Meter remove(String meterNumber, LocalDate on, BigDecimal finalReading) {
        Meter m = meter(meterNumber);
        if (m.servicePointId() == null) {
            throw new Conflict("meters.not-installed", "meter " + m.meterNumber() + " is not installed");
        }
        requireDate(on);
        Long readId = read(m.meterNumber(), on, finalReading, "FINAL");
        int changed = jdbc.sql("""
                update meter_install set removed_on = ? where meter_id = ? and removed_on is null and installed_on <= ?""")
                .params(on, m.id(), on).update();
        if (changed == 0) {
            throw new BusinessRuleViolation("meters.invalid", "removedOn", "the meter was installed after " + on);
        }
        Meter after = meter(m.meterNumber());
        audit.recordChange("meter", m.meterNumber(), "removed", summary(m),
                summary(after, "removedOn", on.toString(), "finalReadId", readId));
        return after;
    }

    /** Final read on the old meter and initial read on the new one, in one transaction. */
    @Transactional
    public Meter exchange(String oldMeterNumber, String newMeterNumber, LocalDate on, BigDecimal finalReading,
            BigDecimal initialReading) {
        Meter old = meter(oldMeterNumber);
        Meter replacement = meter(newMeterNumber);
        if (old.servicePointId() == null) {
            throw new Conflict("meters.not-installed", "meter " + old.meterNumber() + " is not installed");
        }
        if (!old.serviceType().equals(replacement.serviceType())) {
            throw new BusinessRuleViolation("meters.invalid", "newMeterNumber", "meter " + replacement.meterNumber()
                    + " is a " + replacement.serviceType().toLowerCase() + " meter, not "
                    + old.serviceType().toLowerCase());
        }
        remove(old.meterNumber(), on, finalReading);
        return install(replacement.meterNumber(), old.premiseId(), on, initialReading);
    }

    private Long read(String meterNumber, LocalDate on, BigDecimal reading, String type) {
        if (reading == null) {
            throw new BusinessRuleViolation("meters.invalid", "INITIAL".equals(type) ? "initialReading" : "finalReading",
                    "the " + type.toLowerCase() + " reading is required");
        }
        ReadIntake.Outcome o = intake.take(List.of(new ReadIntake.Candidate(1, null, null, meterNumber, on.toString(),
                reading.toPlainString(), type, null)), "FIELD", null).get(0);
        if ("REJECTED".equals(o.outcome())) {
            throw new BusinessRuleViolation("meters.invalid", "INITIAL".equals(type) ? "initialReading" : "finalReading",
                    o.reason());
        }
        return o.readId();
    }

    private void requireDate(LocalDate on) {
        if (on == null) {
            throw new BusinessRuleViolation("meters.invalid", "date", "the date is required");
        }
        if (on.isAfter(LocalDate.now(clock))) {
            throw new BusinessRuleViolation("meters.invalid", "date", on + " is in the future");
        }
    }

    long servicePoint(long premiseId, String serviceType) {
        if (!jdbc.sql("select exists (select 1 from premise where id = ?)").param(premiseId).query(Boolean.class).single()) {
            throw new RecordNotFound("premiseId", "no premise " + premiseId);
        }
        jdbc.sql("""
                insert into service_point (premise_id, service_type, created_at) values (?, ?, ?)
                on conflict (premise_id, service_type) do nothing""")
                .params(premiseId, serviceType, Timestamp.from(clock.instant())).update();
        return jdbc.sql("select id from service_point where premise_id = ? and service_type = ?")
                .params(premiseId, serviceType).query(Long.class).single();
    }

    public Meter meter(String meterNumber) {
        String number = meterNumber == null ? "" : meterNumber.trim().toUpperCase(Locale.ROOT);
        return jdbc.sql(METER_SQL + " where m.meter_number = ?").param(number).query(MeterDesk::map).optional()
                .orElseThrow(() -> new RecordNotFound("meterNumber", "no meter " + number));
    }

    public List<Meter> find(String numberPrefix, int limit) {
        String prefix = numberPrefix == null ? "" : numberPrefix.trim().toUpperCase(Locale.ROOT);
        return jdbc.sql(METER_SQL + " where m.meter_number like ? order by m.meter_number limit ?")
                .params(prefix.replace("%", "") + "%", limit).query(MeterDesk::map).list();
    }

    private static final String METER_SQL = """
            select m.id, m.meter_number, m.service_type, m.serial, m.manufacturer, m.dial_count, m.multiplier, m.units,
                   m.has_demand, m.size_inches, mi.service_point_id, sp.premise_id,
                   p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address
              from meter m
              left join meter_install mi on mi.meter_id = m.id and mi.removed_on is null
              left join service_point sp on sp.id = mi.service_point_id
              left join premise p on p.id = sp.premise_id
            """;

    private static Meter map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Meter(rs.getLong("id"), rs.getString("meter_number"), rs.getString("service_type"),
                rs.getString("serial"), rs.getString("manufacturer"), rs.getInt("dial_count"),
                rs.getBigDecimal("multiplier"), rs.getString("units"), rs.getBoolean("has_demand"),
                rs.getBigDecimal("size_inches"), (Long) rs.getObject("service_point_id"),
                (Long) rs.getObject("premise_id"), rs.getString("address"));
    }

    /** One installation of a meter. */
    public record Install(String meterNumber, long premiseId, String premiseAddress, String serviceType,
            LocalDate installedOn, LocalDate removedOn) {
    }

    public List<Install> installs(long meterId) {
        return jdbc.sql("""
                select m.meter_number, sp.premise_id,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address, sp.service_type,
                       mi.installed_on, mi.removed_on
                  from meter_install mi join meter m on m.id = mi.meter_id
                  join service_point sp on sp.id = mi.service_point_id join premise p on p.id = sp.premise_id
                 where mi.meter_id = ? order by mi.installed_on desc""").param(meterId)
                .query((rs, row) -> new Install(rs.getString("meter_number"), rs.getLong("premise_id"),
                        rs.getString("address"), rs.getString("service_type"),
                        rs.getObject("installed_on", LocalDate.class), rs.getObject("removed_on", LocalDate.class)))
                .list();
    }

    private static Map<String, Object> summary(Meter m, Object... more) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("meter", m.meterNumber());
        s.put("service", m.serviceType());
        s.put("dials", m.dialCount());
        s.put("multiplier", m.multiplier().stripTrailingZeros().toPlainString());
        s.put("demand", m.hasDemand());
        s.put("premise", m.premiseId());
        for (int i = 0; i + 1 < more.length; i += 2) {
            s.put((String) more[i], more[i + 1]);
        }
        return s;
    }

    private static String blankTo(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim();
    }
}
