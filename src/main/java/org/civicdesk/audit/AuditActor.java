package org.civicdesk.audit;

import java.util.function.Supplier;

/**
 * Names the actor of audit records written outside a web request, e.g. a nightly job
 * ({@code system:late-fees}) or the demo data loader.
 */
public final class AuditActor {

    private static final ThreadLocal<String> OVERRIDE = new ThreadLocal<>();

    private AuditActor() {
    }

    public static <T> T runAs(String actor, Supplier<T> work) {
        String previous = OVERRIDE.get();
        OVERRIDE.set(actor);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    public static void runAs(String actor, Runnable work) {
        runAs(actor, () -> {
            work.run();
            return null;
        });
    }

    /** The actor set by {@link #runAs}, or null. */
    public static String override() {
        return OVERRIDE.get();
    }
}
