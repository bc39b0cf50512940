package io.dashcache.application.port.out.metrics;

import io.dashcache.application.port.messages.OutcomeCounts;
import java.util.Objects;

/**
 * One data type's counters (cumulative, or the difference of two snapshots).
 *
 * @param reads              reads by where they were answered from, and failed reads
 * @param readLatency        end-to-end latency of those reads inside the use case (failed ones too)
 * @param loadLatency        latency of the engine loads on a miss or a refresh (failed ones too)
 * @param loadFailures       engine loads that failed
 * @param staleWritesRefused loaded values the compare-and-set refused (an invalidation overtook them)
 */
public record TypeMetrics(OutcomeCounts reads, LatencyHistogram readLatency, LatencyHistogram loadLatency,
                          long loadFailures, long staleWritesRefused) {

    public TypeMetrics {
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(readLatency, "readLatency");
        Objects.requireNonNull(loadLatency, "loadLatency");
    }

    public static TypeMetrics empty() {
        return new TypeMetrics(OutcomeCounts.ZERO, LatencyHistogram.EMPTY, LatencyHistogram.EMPTY, 0, 0);
    }

    public TypeMetrics minus(TypeMetrics earlier) {
        return new TypeMetrics(reads.minus(earlier.reads), readLatency.minus(earlier.readLatency),
                loadLatency.minus(earlier.loadLatency), Math.max(0, loadFailures - earlier.loadFailures),
                Math.max(0, staleWritesRefused - earlier.staleWritesRefused));
    }

    public TypeMetrics plus(TypeMetrics other) {
        return new TypeMetrics(reads.plus(other.reads), readLatency.plus(other.readLatency),
                loadLatency.plus(other.loadLatency), loadFailures + other.loadFailures,
                staleWritesRefused + other.staleWritesRefused);
    }
}
