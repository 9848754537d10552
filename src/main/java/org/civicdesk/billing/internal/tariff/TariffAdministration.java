package org.civicdesk.billing.internal.tariff;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.internal.tariff.TariffAdministration.Validation.Problems;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staff add versions of schedules, adjusters and tax rates. A version starts after the latest one (never
 * backdated, never overlapping) and after the end of every issued, uncancelled bill period it would price,
 * so that no issued bill would rate differently. One transaction per addition, audited; the revision counter
 * moves with it so every instance reloads its book.
 */
@Service
public class TariffAdministration {

    static final Set<String> ACCOUNTS = Set.of("4010", "4020", "4030", "4040", "2100");

    private final JdbcClient jdbc;
    private final CachedTariffs tariffs;
    private final AuditTrail audit;
    private final Clock clock;

    TariffAdministration(JdbcClient jdbc, CachedTariffs tariffs, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tariffs = tariffs;
        this.audit = audit;
        this.clock = clock;
    }

    /** Adds a version of the schedule; refused with every problem named by field (charges[2].price, ...). */
    @Transactional
    public ScheduleVersion addVersion(String scheduleCode, NewVersion version) {
        RateSchedule schedule = lockSchedule(scheduleCode);
        Problems problems = new Problems();
        LocalDate from = version.effectiveFrom();
        if (from == null) {
            problems.add("effectiveFrom", "Give the date the version takes effect.");
        } else {
            schedule.latest().ifPresent(latest -> {
                if (!from.isAfter(latest.effectiveFrom())) {
                    problems.add("effectiveFrom", "A new version must start after the latest one (" + latest.label()
                            + "): versions are never backdated and never overlap.");
                }
            });
            issuedThrough(List.of(scheduleCode), from).ifPresent(end -> problems.add("effectiveFrom",
                    "Issued bills of " + scheduleCode + " cover periods up to " + end + ": a version from " + from
                            + " would change them. Choose a date after " + end + "."));
        }
        if (version.note() == null || version.note().isBlank()) {
            problems.add("note", "Say what changed and on whose authority (e.g. council resolution).");
        }
        Validation.charges(version.charges(), adjusterCodes(), problems);
        problems.throwIfAny("billing.tariff-version-invalid");

        int number = jdbc.sql("select coalesce(max(version_no), 0) + 1 from billing_rate_version where schedule_code = :c")
                .param("c", scheduleCode).query(Integer.class).single();
        String by = by();
        long id = jdbc.sql("""
                insert into billing_rate_version (schedule_code, version_no, effective_from, note, created_at, created_by)
                values (:c, :n, :from, :note, :at, :by) returning id
                """).param("c", scheduleCode).param("n", number).param("from", from).param("note", version.note().trim())
                .param("at", OffsetDateTime.now(clock)).param("by", by).query(Long.class).single();
        int line = 0;
        for (NewCharge c : version.charges()) {
            line++;
            jdbc.sql("""
                    insert into billing_rate_charge (version_id, line_no, part, kind, description, season, unit, price,
                           tier_from, tier_to, threshold, adjuster_code, option_code, option_value, multiplier, taxable, account)
                    values (:v, :line, :part, :kind, :description, :season, :unit, :price, :tierFrom, :tierTo, :threshold,
                           :adjuster, :option, :optionValue, :multiplier, :taxable, :account)
                    """).param("v", id).param("line", line).param("part", c.part().trim())
                    .param("kind", c.kind()).param("description", c.description().trim())
                    .param("season", c.season() == null || c.season().isBlank() ? "ALL" : c.season())
                    .param("unit", c.unit().trim()).param("price", c.price()).param("tierFrom", c.tierFrom())
                    .param("tierTo", c.tierTo()).param("threshold", c.threshold()).param("adjuster", blankToNull(c.adjusterCode()))
                    .param("option", blankToNull(c.optionCode())).param("optionValue", c.optionValue())
                    .param("multiplier", c.multiplier()).param("taxable", c.taxable()).param("account", c.account())
                    .update();
        }
        bumpRevision();
        ScheduleVersion added = new TariffBookLoader(jdbc).load().schedule(scheduleCode).versions().stream()
                .filter(v -> v.id() == id).findFirst().orElseThrow();
        audit.recordChange("billing_rate_version", String.valueOf(id), "created",
                schedule.latest().orElse(null), added);
        return added;
    }

    /** Adds a version of an adjuster (EECAF, PNGCAF): a new price per unit from a date. */
    @Transactional
    public AdjusterVersion addAdjusterVersion(String adjusterCode, LocalDate from, BigDecimal price, String note) {
        List<AdjusterVersion> versions = tariffs.snapshot().adjusters().get(adjusterCode);
        if (versions == null || jdbc.sql("select code from billing_adjuster where code = :c for update")
                .param("c", adjusterCode).query(String.class).optional().isEmpty()) {
            throw new RecordNotFound("adjusterCode", "There is no adjuster " + adjusterCode + ".");
        }
        Problems problems = new Problems();
        if (price == null || price.signum() < 0) {
            problems.add("price", "Give a price per unit of 0 or more.");
        }
        if (note == null || note.isBlank()) {
            problems.add("note", "Say what changed and on whose authority.");
        }
        if (from == null) {
            problems.add("effectiveFrom", "Give the date the price takes effect.");
        } else {
            AdjusterVersion latest = versions.get(versions.size() - 1);
            if (!from.isAfter(latest.effectiveFrom())) {
                problems.add("effectiveFrom", "A new price must start after the latest one (" + latest.label() + ").");
            }
            List<String> schedules = jdbc.sql("""
                    select distinct v.schedule_code from billing_rate_charge c join billing_rate_version v on v.id = c.version_id
                     where c.adjuster_code = :a
                    """).param("a", adjusterCode).query(String.class).list();
            issuedThrough(schedules, from).ifPresent(end -> problems.add("effectiveFrom", "Issued bills of schedules using "
                    + adjusterCode + " cover periods up to " + end + ". Choose a date after " + end + "."));
        }
        problems.throwIfAny("billing.adjuster-version-invalid");
        long id = jdbc.sql("""
                insert into billing_adjuster_version (adjuster_code, effective_from, price, note, created_at, created_by)
                values (:a, :from, :price, :note, :at, :by) returning id
                """).param("a", adjusterCode).param("from", from).param("price", price).param("note", note.trim())
                .param("at", OffsetDateTime.now(clock)).param("by", by()).query(Long.class).single();
        bumpRevision();
        AdjusterVersion added = new AdjusterVersion(id, adjusterCode, versions.get(0).description(), versions.get(0).unit(),
                from, price, note.trim());
        audit.recordChange("billing_adjuster_version", String.valueOf(id), "created", versions.get(versions.size() - 1), added);
        return added;
    }

    /** Adds a tax rate of a jurisdiction from a date (rates apply by read date: any bill read on or after it). */
    @Transactional
    public TaxRate addTaxRate(String jurisdiction, LocalDate from, BigDecimal rate, String description) {
        Problems problems = new Problems();
        if (!TariffSnapshot.JURISDICTIONS.contains(jurisdiction)) {
            problems.add("jurisdiction", "Choose STATE, COUNTY or CITY.");
        }
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            problems.add("rate", "Give the rate as a fraction from 0 to below 1, e.g. 0.056 for 5.6%.");
        }
        if (description == null || description.isBlank()) {
            problems.add("description", "Name the tax.");
        }
        if (from == null) {
            problems.add("effectiveFrom", "Give the date the rate takes effect.");
        } else if (problems.isEmpty()) {
            // one tax rate addition at a time, so two cannot both pass the 'after the latest' check
            jdbc.sql("select pg_advisory_xact_lock(hashtext('billing_tax_rate'))").query().listOfRows();
            LocalDate latest = jdbc.sql("select max(effective_from) from billing_tax_rate where jurisdiction = :j")
                    .param("j", jurisdiction).query(LocalDate.class).optional().orElse(null);
            if (latest != null && !from.isAfter(latest)) {
                problems.add("effectiveFrom", "A new " + jurisdiction + " rate must start after the latest one (from " + latest + ").");
            }
            LocalDate lastRead = jdbc.sql(issuedSql("")).param("from", from).query(LocalDate.class).optional().orElse(null);
            if (lastRead != null) {
                problems.add("effectiveFrom", "Issued bills were read up to " + lastRead + ". Choose a date after " + lastRead + ".");
            }
        }
        problems.throwIfAny("billing.tax-rate-invalid");
        long id = jdbc.sql("""
                insert into billing_tax_rate (jurisdiction, description, rate, effective_from, created_at, created_by)
                values (:j, :d, :rate, :from, :at, :by) returning id
                """).param("j", jurisdiction).param("d", description.trim()).param("rate", rate).param("from", from)
                .param("at", OffsetDateTime.now(clock)).param("by", by()).query(Long.class).single();
        bumpRevision();
        TaxRate added = new TaxRate(id, jurisdiction, description.trim(), rate, from);
        audit.recordChange("billing_tax_rate", String.valueOf(id), "created", null, added);
        return added;
    }

    private RateSchedule lockSchedule(String code) {
        if (jdbc.sql("select code from billing_rate_schedule where code = :c for update").param("c", code)
                .query(String.class).optional().isEmpty()) {
            throw new RecordNotFound("rateSchedule", "There is no rate schedule " + code + ".");
        }
        return new TariffBookLoader(jdbc).load().schedule(code);
    }

    /** The latest end of an issued, uncancelled bill period of the schedules ending on or after the date. */
    private java.util.Optional<LocalDate> issuedThrough(List<String> schedules, LocalDate from) {
        if (schedules.isEmpty()) {
            return java.util.Optional.empty();
        }
        return jdbc.sql(issuedSql("and bs.rate_schedule in (:schedules)")).param("schedules", schedules)
                .param("from", from).query(LocalDate.class).optional();
    }

    private static String issuedSql(String scheduleCondition) {
        // trial runs write no bills; a bill of an ISSUE run (or issued outside a run) is issued until cancelled
        return """
                select max(bs.period_to) from bill_service bs
                  join bill b on b.id = bs.bill_id
                  left join bill_run r on r.id = b.bill_run_id
                  left join bill_cancellation c on c.bill_id = b.id
                 where c.bill_id is null and (r.id is null or r.mode = 'ISSUE')
                   and bs.period_to >= :from
                """ + scheduleCondition + " having max(bs.period_to) is not null";
    }

    private Set<String> adjusterCodes() {
        return new HashSet<>(jdbc.sql("select code from billing_adjuster").query(String.class).list());
    }

    private void bumpRevision() {
        jdbc.sql("update billing_tariff_revision set revision = revision + 1 where id = 1").update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    tariffs.renew();
                }
            });
        } else {
            tariffs.renew();
        }
    }

    private static String by() {
        return CurrentStaff.username().orElse("system");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The rules a version's charges follow, each problem named by its field. */
    static final class Validation {

        static final class Problems {
            private final List<FieldProblem> list = new ArrayList<>();

            void add(String field, String reason) {
                list.add(new FieldProblem(field, reason));
            }

            boolean isEmpty() {
                return list.isEmpty();
            }

            void throwIfAny(String code) {
                if (!list.isEmpty()) {
                    throw new BusinessRuleViolation(code, list.get(0).reason(), list);
                }
            }
        }

        private Validation() {
        }

        static void charges(List<NewCharge> charges, Set<String> adjusters, Problems problems) {
            if (charges.isEmpty()) {
                problems.add("charges", "A version has at least one charge.");
                return;
            }
            Set<String> parts = new HashSet<>();
            // blocks per season, in the order given: each starts where the previous ended, the first at 0
            Map<String, List<Integer>> blocks = new LinkedHashMap<>();
            for (int i = 0; i < charges.size(); i++) {
                NewCharge c = charges.get(i);
                String at = "charges[" + i + "].";
                ChargeKind kind = null;
                try {
                    kind = ChargeKind.valueOf(c.kind() == null ? "" : c.kind());
                } catch (IllegalArgumentException e) {
                    problems.add(at + "kind", "Line " + (i + 1) + ": choose a kind of charge.");
                }
                if (c.part() == null || !c.part().trim().matches("[A-Z0-9_]+")) {
                    problems.add(at + "part", "Line " + (i + 1) + ": the part code is capital letters, digits and _ (e.g. WATER_2).");
                } else if (!parts.add(c.part().trim())) {
                    problems.add(at + "part", "Line " + (i + 1) + ": part " + c.part().trim() + " appears twice.");
                }
                if (c.description() == null || c.description().isBlank()) {
                    problems.add(at + "description", "Line " + (i + 1) + ": describe the charge as bills show it.");
                }
                if (c.unit() == null || c.unit().isBlank()) {
                    problems.add(at + "unit", "Line " + (i + 1) + ": give the unit (month, kWh, kgal, day...).");
                }
                String season = c.season() == null || c.season().isBlank() ? "ALL" : c.season();
                if (!Set.of("ALL", "SUMMER", "WINTER").contains(season)) {
                    problems.add(at + "season", "Line " + (i + 1) + ": the season is ALL, SUMMER or WINTER.");
                }
                if (!ACCOUNTS.contains(c.account())) {
                    problems.add(at + "account", "Line " + (i + 1) + ": the account is 4010, 4020, 4030, 4040 or 2100 (deposits).");
                } else if (c.account().equals("2100") && (kind != ChargeKind.DEPOSIT || c.taxable())) {
                    problems.add(at + "account", "Line " + (i + 1) + ": only an untaxed deposit is credited to 2100.");
                }
                for (Map.Entry<String, BigDecimal> n : numbers(c).entrySet()) {
                    if (n.getValue() != null && n.getValue().signum() < 0) {
                        problems.add(at + n.getKey(), "Line " + (i + 1) + ": " + n.getKey() + " cannot be negative.");
                    }
                }
                if (kind == null) {
                    continue;
                }
                if (kind == ChargeKind.ADJUSTER) {
                    if (c.adjusterCode() == null || !adjusters.contains(c.adjusterCode())) {
                        problems.add(at + "adjusterCode", "Line " + (i + 1) + ": choose the adjuster (" + String.join(", ",
                                new java.util.TreeSet<>(adjusters)) + ").");
                    }
                } else if (c.price() == null) {
                    problems.add(at + "price", "Line " + (i + 1) + ": give the price.");
                }
                if (kind.isBlock()) {
                    if (c.tierFrom() == null) {
                        problems.add(at + "tierFrom", "Line " + (i + 1) + ": a block starts at a quantity (0 for the first).");
                    } else if (c.tierTo() != null && c.tierTo().compareTo(c.tierFrom()) <= 0) {
                        problems.add(at + "tierTo", "Line " + (i + 1) + ": a block ends above where it starts.");
                    } else {
                        blocks.computeIfAbsent(season, k -> new ArrayList<>()).add(i);
                    }
                }
                if (kind == ChargeKind.DEMAND && c.threshold() == null) {
                    problems.add(at + "threshold", "Line " + (i + 1) + ": give the demand above which the charge applies.");
                }
                if (Set.of(ChargeKind.RIDER, ChargeKind.PER_OPTION, ChargeKind.FLAT_PER_OPTION, ChargeKind.BIN_PICKUPS,
                        ChargeKind.BIN_EXTRA_PICKUP).contains(kind) && (c.optionCode() == null || c.optionCode().isBlank())) {
                    problems.add(at + "optionCode", "Line " + (i + 1) + ": name the agreement option it counts.");
                }
                if (kind == ChargeKind.BIN_EXTRA_PICKUP && c.multiplier() == null) {
                    problems.add(at + "multiplier", "Line " + (i + 1) + ": give the extra pickup's multiplier (e.g. 1.2).");
                }
            }
            blocks.forEach((season, indexes) -> {
                BigDecimal expected = BigDecimal.ZERO;
                for (int k = 0; k < indexes.size(); k++) {
                    int i = indexes.get(k);
                    NewCharge c = charges.get(i);
                    if (expected == null) {
                        problems.add("charges[" + i + "].tierFrom", "Line " + (i + 1) + ": a " + season.toLowerCase()
                                + " block follows a block with no upper end.");
                        break;
                    }
                    if (c.tierFrom().compareTo(expected) != 0) {
                        problems.add("charges[" + i + "].tierFrom", "Line " + (i + 1) + ": " + season.toLowerCase()
                                + " blocks are out of order or overlap: this one starts at " + RatingEngine.plain(c.tierFrom())
                                + " but should start at " + RatingEngine.plain(expected) + ".");
                        break;
                    }
                    expected = c.tierTo();
                }
            });
        }

        private static Map<String, BigDecimal> numbers(NewCharge c) {
            Map<String, BigDecimal> m = new LinkedHashMap<>();
            m.put("price", c.price());
            m.put("tierFrom", c.tierFrom());
            m.put("tierTo", c.tierTo());
            m.put("threshold", c.threshold());
            m.put("optionValue", c.optionValue());
            m.put("multiplier", c.multiplier());
            return m;
        }
    }
}
