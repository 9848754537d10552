package org.civicdesk.billing.internal.tariff;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.platform.BusinessRuleViolation;

/**
 * The whole tariff book at one revision, immutable: schedules with their versions, adjuster versions and tax
 * rates. Rating is {@link RatingEngine}, a pure function of this snapshot and the request.
 */
public final class TariffSnapshot implements TariffBook {

    /** The jurisdictions of the transaction privilege tax, in the order bills show them. */
    public static final List<String> JURISDICTIONS = List.of("STATE", "COUNTY", "CITY");

    private final long revision;
    private final Map<String, RateSchedule> schedules;
    private final Map<String, List<AdjusterVersion>> adjusters;
    private final Map<String, List<TaxRate>> taxRates;

    public TariffSnapshot(long revision, Collection<RateSchedule> schedules, Collection<AdjusterVersion> adjusterVersions,
            Collection<TaxRate> taxRates) {
        this.revision = revision;
        TreeMap<String, RateSchedule> s = new TreeMap<>();
        schedules.forEach(x -> s.put(x.code(), x));
        this.schedules = java.util.Collections.unmodifiableMap(s);
        TreeMap<String, List<AdjusterVersion>> a = new TreeMap<>();
        adjusterVersions.stream().sorted(Comparator.comparing(AdjusterVersion::effectiveFrom))
                .forEach(v -> a.computeIfAbsent(v.adjusterCode(), k -> new ArrayList<>()).add(v));
        a.replaceAll((k, v) -> List.copyOf(v));
        this.adjusters = java.util.Collections.unmodifiableMap(a);
        TreeMap<String, List<TaxRate>> t = new TreeMap<>();
        taxRates.stream().sorted(Comparator.comparing(TaxRate::effectiveFrom))
                .forEach(r -> t.computeIfAbsent(r.jurisdiction(), k -> new ArrayList<>()).add(r));
        t.replaceAll((k, v) -> List.copyOf(v));
        this.taxRates = java.util.Collections.unmodifiableMap(t);
    }

    public long revision() {
        return revision;
    }

    @Override
    public RatedService rate(RatingRequest request) {
        return RatingEngine.rate(this, request);
    }

    @Override
    public Set<String> scheduleCodes() {
        return schedules.keySet();
    }

    @Override
    public String serviceType(String scheduleCode) {
        return schedule(scheduleCode).serviceType();
    }

    /** The schedule, or a refusal naming the rateSchedule field. */
    public RateSchedule schedule(String code) {
        RateSchedule s = code == null ? null : schedules.get(code);
        if (s == null) {
            throw new BusinessRuleViolation("billing.tariff-unknown-schedule", "rateSchedule",
                    "There is no rate schedule " + (code == null ? "(none given)" : code) + "; the book has "
                            + String.join(", ", schedules.keySet()) + ".");
        }
        return s;
    }

    public Collection<RateSchedule> schedules() {
        return schedules.values();
    }

    /** Every version of every adjuster, by adjuster code, oldest first. */
    public Map<String, List<AdjusterVersion>> adjusters() {
        return adjusters;
    }

    /** Every rate of every jurisdiction, by jurisdiction, oldest first. */
    public Map<String, List<TaxRate>> taxRates() {
        return taxRates;
    }

    public Optional<AdjusterVersion> adjusterOn(String code, LocalDate day) {
        return latestOn(adjusters.getOrDefault(code, List.of()), day, AdjusterVersion::effectiveFrom);
    }

    public Optional<TaxRate> taxRateOn(String jurisdiction, LocalDate day) {
        return latestOn(taxRates.getOrDefault(jurisdiction, List.of()), day, TaxRate::effectiveFrom);
    }

    private static <T> Optional<T> latestOn(List<T> oldestFirst, LocalDate day, java.util.function.Function<T, LocalDate> from) {
        T found = null;
        for (T t : oldestFirst) {
            if (!from.apply(t).isAfter(day)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }
}
