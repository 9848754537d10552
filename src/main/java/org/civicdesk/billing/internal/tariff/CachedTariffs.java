package org.civicdesk.billing.internal.tariff;

import java.time.Duration;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.billing.Tariffs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The book as one immutable snapshot, shared by every caller. Renewal: this instance drops its snapshot after
 * committing an addition; every instance also reads the single-row revision counter (billing_tariff_revision)
 * at most once per civicdesk.tariffs.check-every (default 1 s) and reloads the whole book when it moved, so
 * another instance's addition is seen within that interval. A bill run should take one snapshot for its
 * whole run.
 */
@Service
public class CachedTariffs implements Tariffs {

    private final TariffBookLoader loader;
    private final long checkEveryNanos;
    private volatile TariffSnapshot current;
    private volatile long checkedAt;

    CachedTariffs(JdbcClient jdbc, @Value("${civicdesk.tariffs.check-every:1s}") Duration checkEvery) {
        this.loader = new TariffBookLoader(jdbc);
        this.checkEveryNanos = checkEvery.toNanos();
    }

    @Override
    public TariffBook book() {
        return snapshot();
    }

    public TariffSnapshot snapshot() {
        TariffSnapshot s = current;
        if (s != null && System.nanoTime() - checkedAt < checkEveryNanos) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s == null || System.nanoTime() - checkedAt >= checkEveryNanos) {
                if (s == null || loader.revision() != s.revision()) {
                    s = loader.load();
                    current = s;
                }
                checkedAt = System.nanoTime();
            }
            return s;
        }
    }

    /** After this instance committed an addition: the next call reloads. */
    public void renew() {
        synchronized (this) {
            current = null;
        }
    }
}
