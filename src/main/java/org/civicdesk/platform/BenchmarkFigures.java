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

    /** The sum of the heap pools' peaks since the JVM started, in MiB (slightly above the true peak). */
    public static long peakHeapMib() {
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
}
