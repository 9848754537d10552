package org.civicdesk.metering.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** First start with demo data: meters and 13 months of reads for the demo city, after the city itself. */
@Component
@Order(10)
class MeteringDemo implements ApplicationRunner {

    static final int MONTHS = 13;

    private final DemoMeterLoader loader;
    private final Clock clock;
    private final boolean enabled;
    private final String bench;

    MeteringDemo(DemoMeterLoader loader, Clock clock, @Value("${civicdesk.demo.enabled:false}") boolean enabled,
            @Value("${civicdesk.bench:}") String bench, @Value("${civicdesk.demo.history:true}") boolean history) {
        this.loader = loader;
        this.clock = clock;
        // a benchmark that only wants the demo city turns the history (reads, bills, payments) off
        this.enabled = enabled && history;
        this.bench = bench;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !bench.isBlank() || loader.anyMeters()) {
            return;
        }
        AuditActor.runAs(DemoMeterLoader.CREATED_BY, () -> loader.load(LocalDate.now(clock), MONTHS));
    }
}
