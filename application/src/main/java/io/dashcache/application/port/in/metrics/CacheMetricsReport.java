package io.dashcache.application.port.in.metrics;

import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.DataType;
import io.dashcache.domain.PerformanceGrade;
import io.dashcache.application.port.messages.InvalidationLagStage;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cache's recent performance, for people and tools. Figures are over a recent window (the
 * last minute by default), so they follow what happens now and an alert clears once the cause is
 * gone; {@code requestsSinceStart} counts from the start of the process.
 *
 * @param generatedAt  when the report was made; the window ends here
 * @param windowStart  where the window begins (the start, while the process is younger than the window)
 * @param thresholds   what the alerts are judged against
 * @param overall      all data types together
 * @param types        each data type, in the order of {@link DataType}
 * @param alerts       alerts active now, most severe first
 * @param dependencies each dependency's state, as {@code /health} reports it
 * @param historyInterval  the time between two history points
 * @param historyRetention how far back the history reaches at most
 * @param history      one point per interval, oldest first; each covers the interval before it
 */
public record CacheMetricsReport(Instant generatedAt, Instant windowStart, AlertThresholds thresholds, Figures overall,
                                 Map<DataType, Figures> types, List<CacheAlert> alerts,
                                 List<DependencyHealth> dependencies, Duration historyInterval,
                                 Duration historyRetention, List<HistoryPoint> history,
                                 Map<InvalidationLagStage, InvalidationLag> invalidationLag) {

    /** How far behind events were invalidated in the window, for one stage: events seen, and their p95. */
    public record InvalidationLag(long events, Duration p95) {
    }

    /** A report without invalidation lag (no event in the window). */
    public CacheMetricsReport(Instant generatedAt, Instant windowStart, AlertThresholds thresholds, Figures overall,
                              Map<DataType, Figures> types, List<CacheAlert> alerts,
                              List<DependencyHealth> dependencies, Duration historyInterval,
                              Duration historyRetention, List<HistoryPoint> history) {
        this(generatedAt, windowStart, thresholds, overall, types, alerts, dependencies, historyInterval,
                historyRetention, history, Map.of());
    }

    public CacheMetricsReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(windowStart, "windowStart");
        types = inTypeOrder(types);
        alerts = List.copyOf(alerts);
        dependencies = List.copyOf(dependencies);
        history = List.copyOf(history);
        invalidationLag = Map.copyOf(invalidationLag);
    }

    private static <V> Map<DataType, V> inTypeOrder(Map<DataType, V> values) {
        EnumMap<DataType, V> ordered = new EnumMap<>(DataType.class);
        ordered.putAll(values);
        return Collections.unmodifiableMap(ordered);
    }

    public Duration window() {
        return Duration.between(windowStart, generatedAt);
    }

    /**
     * One data type's (or all types') figures over the window. Rates, latencies and the grade are
     * {@code null} when the window holds no read.
     *
     * @param requests           reads in the window, failed ones included
     * @param requestsSinceStart reads since the process started
     * @param outcomes           the window's reads by outcome
     * @param hitRate            hits (L1, L2, stale) over reads, 0 to 1
     * @param errorRate          failed reads over reads, 0 to 1
     * @param p50                median read latency
     * @param p95                95th percentile read latency (what the grade judges)
     * @param p99                99th percentile read latency
     * @param grade              {@link PerformanceGrade#of} the p95 and the hit rate
     * @param loads              engine loads in the window
     * @param loadFailures       of which failed
     * @param loadP95            95th percentile engine load latency; {@code null} without loads
     * @param staleWritesRefused loaded values not stored because an invalidation overtook them
     */
    public record Figures(long requests, long requestsSinceStart, OutcomeCounts outcomes, Double hitRate,
                          Double errorRate, Duration p50, Duration p95, Duration p99, PerformanceGrade grade,
                          long loads, long loadFailures, Duration loadP95, long staleWritesRefused) {
    }

    /**
     * The figures of one history interval.
     *
     * @param at      the end of the interval
     * @param overall all data types together
     * @param types   the data types read in the interval (absent ones had no read)
     */
    public record HistoryPoint(Instant at, Sample overall, Map<DataType, Sample> types) {

        public HistoryPoint {
            types = inTypeOrder(types);
        }
    }

    /** Reads in an interval, and (when there were any) their hit rate, error rate and p95 latency. */
    public record Sample(long requests, Double hitRate, Double errorRate, Duration p95) {
    }
}
