package org.civicdesk.customer.internal.demo;

import java.time.LocalDate;

/**
 * What to generate: a seed (same seed and date, same city), how many accounts, the date the city is
 * generated as of, and an optional tag woven into every street name and e-mail domain so that a second city
 * in the same database (a test's) has addresses of its own.
 */
public record DemoCityPlan(long seed, int accounts, LocalDate asOf, String tag) {

    public static final long DEFAULT_SEED = 85201L;

    public DemoCityPlan {
        if (accounts < 1 || accounts > 5_000_000) {
            throw new IllegalArgumentException("A demo city has between 1 and 5,000,000 accounts, not " + accounts);
        }
        if (asOf == null) {
            throw new IllegalArgumentException("A demo city needs the date it is generated as of");
        }
        if (tag != null && !tag.matches("[A-Z][a-z]{2,15}")) {
            throw new IllegalArgumentException("A street tag is one capitalised word of letters, e.g. Zephyrq");
        }
    }
}
