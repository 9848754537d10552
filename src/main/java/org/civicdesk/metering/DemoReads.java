package org.civicdesk.metering;

import java.time.LocalDate;

/**
 * Demo and benchmark meters and reads, loaded with COPY: a meter for every current electric, gas, water and
 * hydrant agreement that has none yet, installed at the agreement start (or months back if earlier) with an
 * initial read, then one actual read a month on the billing cycle's read date (ReadSchedule) up to asOf, with
 * seasonal use, demand on commercial electric, a few rollovers, a few missing reads and a couple of held ones.
 * A benchmark calls it with months = 1 for one cycle of reads.
 */
public interface DemoReads {

    /** What a load wrote. */
    record Loaded(int meters, int reads, int missing, int exceptions, double seconds) {
    }

    Loaded load(LocalDate asOf, int months);
}
