package io.dashcache.application.testing;

import io.dashcache.application.port.messages.OutcomeCounts;
import io.dashcache.application.port.out.metrics.LatencyHistogram;
import io.dashcache.application.port.out.metrics.MetricsSnapshot;
import io.dashcache.application.port.out.metrics.MetricsSnapshotReader;
import io.dashcache.application.port.out.metrics.TypeMetrics;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts as the metrics adapter would, in memory: reads by outcome and latency histograms with
 * fixed bounds, cumulative, so tests drive the report with exact numbers.
 */
public final class RecordingMetrics implements MetricsSnapshotReader {

    /** Bounds like the adapter's service-level buckets, in milliseconds. */
    public static final long[] BOUNDS_MILLIS = {1, 5, 10, 25, 50, 100, 200, 500, 1000};

    private static final class PerType {
        long l1;
        long l2;
        long miss;
        long stale;
        long errors;
        final List<Long> readNanos = new ArrayList<>();
        final List<Long> loadNanos = new ArrayList<>();
        long loadFailures;
        long staleWrites;
    }

    private final Map<DataType, PerType> types = new EnumMap<>(DataType.class);
    private long tierErrors;
    private final Map<io.dashcache.application.port.messages.InvalidationLagStage, List<Long>> lags =
            new EnumMap<>(io.dashcache.application.port.messages.InvalidationLagStage.class);

    public synchronized RecordingMetrics lag(io.dashcache.application.port.messages.InvalidationLagStage stage,
                                             Duration lag, int times) {
        List<Long> observations = lags.computeIfAbsent(stage, s -> new ArrayList<>());
        for (int i = 0; i < times; i++) {
            observations.add(lag.toNanos());
        }
        return this;
    }

    public synchronized RecordingMetrics read(DataType type, CacheOutcome outcome, Duration latency, int times) {
        PerType counts = of(type);
        for (int i = 0; i < times; i++) {
            switch (outcome) {
                case L1_HIT -> counts.l1++;
                case L2_HIT -> counts.l2++;
                case MISS -> counts.miss++;
                case STALE -> counts.stale++;
            }
            counts.readNanos.add(latency.toNanos());
        }
        return this;
    }

    public synchronized RecordingMetrics failedRead(DataType type, Duration latency, int times) {
        PerType counts = of(type);
        for (int i = 0; i < times; i++) {
            counts.errors++;
            counts.readNanos.add(latency.toNanos());
        }
        return this;
    }

    public synchronized RecordingMetrics load(DataType type, Duration latency, boolean success, int times) {
        PerType counts = of(type);
        for (int i = 0; i < times; i++) {
            counts.loadNanos.add(latency.toNanos());
            if (!success) {
                counts.loadFailures++;
            }
        }
        return this;
    }

    public synchronized RecordingMetrics tierError() {
        tierErrors++;
        return this;
    }

    @Override
    public synchronized MetricsSnapshot read() {
        Map<DataType, TypeMetrics> snapshot = new EnumMap<>(DataType.class);
        types.forEach((type, counts) -> snapshot.put(type, new TypeMetrics(
                new OutcomeCounts(counts.l1, counts.l2, counts.miss, counts.stale, counts.errors),
                histogram(counts.readNanos), histogram(counts.loadNanos), counts.loadFailures, counts.staleWrites)));
        Map<io.dashcache.application.port.messages.InvalidationLagStage, LatencyHistogram> lagHistograms =
                new EnumMap<>(io.dashcache.application.port.messages.InvalidationLagStage.class);
        lags.forEach((stage, observations) -> lagHistograms.put(stage, histogram(observations)));
        return new MetricsSnapshot(snapshot, tierErrors, lagHistograms);
    }

    public static LatencyHistogram histogram(List<Long> observationsNanos) {
        long[] bounds = new long[BOUNDS_MILLIS.length];
        long[] cumulative = new long[BOUNDS_MILLIS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = Duration.ofMillis(BOUNDS_MILLIS[i]).toNanos();
            long bound = bounds[i];
            cumulative[i] = observationsNanos.stream().filter(nanos -> nanos <= bound).count();
        }
        long sum = observationsNanos.stream().mapToLong(Long::longValue).sum();
        return new LatencyHistogram(bounds, cumulative, observationsNanos.size(), sum);
    }

    private PerType of(DataType type) {
        return types.computeIfAbsent(type, t -> new PerType());
    }
}
