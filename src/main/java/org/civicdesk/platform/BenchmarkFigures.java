package org.civicdesk.platform;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;

/**
 * What every benchmark under bench/ prints: percentiles of sorted timings, figures rounded to two places, the
 * peak heap, and the one-line JSON object that ends its output.
 */
public final class BenchmarkFigures {

    private BenchmarkFigures() {
    }

    /** The p-th percentile (nearest rank) of timings sorted ascending, rounded to two places. */
    public static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return round(sorted[Math.max(0, rank - 1)]);
    }

    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Milliseconds the JIT compilers have spent so far in this JVM (-1 where the JVM does not say). */
    public static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * Waits until the JIT compilers are quiet: less than 50 ms of compilation in a 2-second window, at most
     * maxSeconds, so that compilation a warm-up started is not counted in the timed part (on 2 cores the one C2
     * thread takes a core the timed work would otherwise have; a server that has run for a while compiles
     * nothing). Returns the seconds waited.
     */
    public static double waitForQuietJit(int maxSeconds) {
        long t0 = System.nanoTime();
        long before = jitMillis();
        if (before < 0) {
            return 0;
        }
        while (System.nanoTime() - t0 < maxSeconds * 1_000_000_000L) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = jitMillis();
            if (now - before < 50) {
                break;
            }
            before = now;
        }
        return round((System.nanoTime() - t0) / 1e9);
    }

    private static final java.util.concurrent.atomic.AtomicLong WATCHED_PEAK = new java.util.concurrent.atomic.AtomicLong(-1);

    /**
     * Starts watching the heap: after each garbage collection, the heap in use just before it (all heap pools at
     * that one moment, the heap's high points) is kept if it is the highest yet. Call it when a benchmark starts.
     */
    public static synchronized void watchHeap() {
        if (WATCHED_PEAK.get() >= 0) {
            return;
        }
        WATCHED_PEAK.set(heapUsedNow());
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long before = 0;
                    for (Map.Entry<String, java.lang.management.MemoryUsage> e
                            : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            before += e.getValue().getUsed();
                        }
                    }
                    long seen = before;
                    WATCHED_PEAK.accumulateAndGet(seen, Math::max);
                }, null, null);
            }
        }
    }

    private static long heapUsedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The peak heap in MiB: once {@link #watchHeap()} runs, the most heap in use at any one moment since (before a
     * collection, or now); without it, the sum of each heap pool's own peak, which overstates (the pools peak at
     * different moments).
     */
    public static long peakHeapMib() {
        long watched = WATCHED_PEAK.get();
        if (watched >= 0) {
            return Math.max(watched, heapUsedNow()) / (1024 * 1024);
        }
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    /** One JSON object on one line; values are numbers, or null. */
    public static String json(Map<String, Object> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(k).append("\": ").append(v == null ? "null" : v.toString());
        });
        return b.append('}').toString();
    }

    /**
     * Runs a benchmark started with --civicdesk.bench=..., prints its figures as the last line, and ends the
     * process: exit code 0, or 1 (with the failure logged) when the measurement throws.
     */
    public static void printAndExit(org.springframework.context.ConfigurableApplicationContext context, String what,
            java.util.function.Supplier<Map<String, Object>> measure) {
        int exit = 0;
        try {
            Map<String, Object> figures = measure.get();
            System.out.flush();
            System.out.println(json(figures));
            System.out.flush();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BenchmarkFigures.class).error("The {} benchmark failed", what, e);
            exit = 1;
        }
        int code = exit;
        System.exit(org.springframework.boot.SpringApplication.exit(context, () -> code));
    }

    /**
     * When the server preloads pg_stat_statements (a bench script with BENCH_STATEMENTS=1 sets it in the scratch
     * server's configuration), clears its figures before the timed part; false otherwise.
     */
    public static boolean statementsReset(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        try {
            jdbc.sql("create extension if not exists pg_stat_statements").update();
            jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Logs the statements since the reset by total time: calls, rows, ms, and calls per unit of work. */
    public static void logStatements(org.springframework.jdbc.core.simple.JdbcClient jdbc, org.slf4j.Logger log,
            long units, String unit) {
        java.util.List<Map<String, Object>> top = jdbc.sql("""
                select calls, rows, round(total_exec_time::numeric, 1) as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as q
                from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 25""")
                .query().listOfRows();
        long calls = jdbc.sql("select coalesce(sum(calls), 0) from pg_stat_statements").query(Long.class).single();
        double ms = jdbc.sql("select coalesce(sum(total_exec_time), 0) from pg_stat_statements").query(Double.class).single();
        log.info("Statements: {} calls ({} per {}), {} ms executing in all", calls,
                units == 0 ? 0 : Math.round(calls * 100.0 / units) / 100.0, unit, Math.round(ms));
        for (Map<String, Object> row : top) {
            log.info("  {} calls, {} rows, {} ms: {}", row.get("calls"), row.get("rows"), row.get("ms"), row.get("q"));
        }
    }
}
