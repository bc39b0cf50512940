package io.dashcache.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * A latency sample summed up in milliseconds: p50, p90, p99, max and min (nearest rank).
 *
 * <pre>{@code
 * Distribution fresh = Distribution.of(nanos);
 * System.out.println(fresh.row("fresh on both instances"));
 * }</pre>
 */
record Distribution(double p50, double p90, double p99, double max, double min) {

    static final String HEADER = String.format(Locale.ROOT, "%8s %8s %8s %8s %8s", "p50 ms", "p90 ms", "p99 ms",
            "max ms", "min ms");

    static Distribution of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        double min = sorted.length == 0 ? Double.NaN : sorted[0] / 1e6;
        return new Distribution(HarnessReport.percentileMs(sorted, 0.50), HarnessReport.percentileMs(sorted, 0.90),
                HarnessReport.percentileMs(sorted, 0.99), max, min);
    }

    /** {@code label} padded to 28 characters, then the five figures to the microsecond. */
    String row(String label) {
        return String.format(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f %8.3f %8.3f", label, p50, p90, p99, max, min);
    }
}
