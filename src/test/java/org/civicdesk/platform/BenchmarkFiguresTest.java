package org.civicdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarkFiguresTest {

    @Test
    void theWatchedPeakSeesAHeapHighPointAfterItIsGoneAndNeverExceedsTheMaximum() throws Exception {
        BenchmarkFigures.watchHeap();
        byte[][] keep = new byte[8][];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = new byte[8 * 1024 * 1024];
        }
        assertThat(keep[7]).hasSize(8 * 1024 * 1024);
        keep = null;
        // the 64 MiB are garbage now: only the reading taken before the collection still sees them
        System.gc();
        long deadline = System.currentTimeMillis() + 5_000;
        while (BenchmarkFigures.peakHeapMib() < 64 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // collection notifications arrive on another thread
        }
        assertThat(BenchmarkFigures.peakHeapMib()).isGreaterThanOrEqualTo(64)
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
