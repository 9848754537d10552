package org.civicdesk.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A fake clock for tests: starts at the real time unless set, and moves only when told to. */
public final class SettableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    public SettableClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    public void advance(Duration duration) {
        this.now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SettableClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
