package org.civicdesk.customer.internal.demo;

import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start with demo data on and no accounts yet: generates the demo city (civicdesk.demo.accounts
 * accounts, 1,000 unless set) before the application reports that it is ready. A benchmark run generates
 * its own city and is left alone.
 */
@Component
@Order(0)
class DemoCityRunner implements ApplicationRunner {

    private final DemoCityLoader loader;
    private final Clock clock;
    private final boolean enabled;
    private final int accounts;
    private final long seed;
    private final String bench;

    DemoCityRunner(DemoCityLoader loader, Clock clock, @Value("${civicdesk.demo.enabled:false}") boolean enabled,
            @Value("${civicdesk.demo.accounts:1000}") int accounts,
            @Value("${civicdesk.demo.seed:" + DemoCityPlan.DEFAULT_SEED + "}") long seed,
            @Value("${civicdesk.bench:}") String bench) {
        this.loader = loader;
        this.clock = clock;
        this.enabled = enabled;
        this.accounts = accounts;
        this.seed = seed;
        this.bench = bench;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !bench.isBlank() || accounts < 1 || loader.anyAccounts()) {
            return;
        }
        AuditActor.runAs(DemoCityGenerator.CREATED_BY,
                () -> loader.load(new DemoCityPlan(seed, accounts, LocalDate.now(clock), null)));
    }
}
