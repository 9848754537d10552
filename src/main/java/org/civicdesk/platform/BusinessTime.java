package org.civicdesk.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The city's business day. Everything that asks 'what day is it' asks this, never the system clock. */
public final class BusinessTime {

    private final Clock clock;

    public BusinessTime(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
