package org.civicdesk.billing.internal.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.civicdesk.metering.BillableService;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.metering.BillingReads;

/**
 * A test double of metering's BillingReads: reads registered by tests, usage from the last billed read (else
 * the first read) to the latest read on or before the cutoff. No read: MISSING_READ. An optional pause per
 * call makes a run slow enough to be killed in the middle.
 */
public class FakeBillingReads implements BillingReads {

    record Read(long id, LocalDate date, BigDecimal reading) {
    }

    private static final AtomicLong IDS = new AtomicLong(900_000_000L + (System.nanoTime() % 1_000_000) * 1000);
    private final Map<Long, List<Read>> reads = new ConcurrentHashMap<>();
    private volatile long pauseMillis;

    public void pause(long millis) {
        this.pauseMillis = millis;
    }

    public void read(long agreementId, LocalDate date, long reading) {
        reads.computeIfAbsent(agreementId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new Read(IDS.incrementAndGet(), date, BigDecimal.valueOf(reading)));
    }

    @Override
    public Map<Long, BillableUsage> usage(Collection<BillableService> services, LocalDate cutoff, boolean persistEstimates) {
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<Long, BillableUsage> result = new HashMap<>();
        for (BillableService s : services) {
            List<Read> all = new ArrayList<>(reads.getOrDefault(s.agreementId(), List.of()));
            all.sort(Comparator.comparing(Read::date));
            Read from = null;
            if (s.lastBilledReadId() != null) {
                from = all.stream().filter(r -> r.id() == s.lastBilledReadId()).findFirst().orElse(null);
            } else if (!all.isEmpty()) {
                from = all.get(0);
            }
            Read to = null;
            for (Read r : all) {
                if (from != null && r.date().isAfter(from.date()) && !r.date().isAfter(cutoff)) {
                    to = r;
                }
            }
            if (from == null || to == null) {
                result.put(s.agreementId(), new BillableUsage(s.agreementId(), "M" + s.agreementId(), null, null, null,
                        null, null, null, null, null, false, 0, "MISSING_READ", "No read up to " + cutoff));
                continue;
            }
            result.put(s.agreementId(), new BillableUsage(s.agreementId(), "M" + s.agreementId(), from.date(), to.date(),
                    from.id(), to.id(), from.reading(), to.reading(), to.reading().subtract(from.reading()), null, false,
                    0, null, null));
        }
        return result;
    }
}
