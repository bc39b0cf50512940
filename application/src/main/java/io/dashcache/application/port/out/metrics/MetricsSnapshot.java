package io.dashcache.application.port.out.metrics;

import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.domain.DataType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The cumulative counters of every data type at one moment (see {@link MetricsSnapshotReader}).
 *
 * @param types      one entry per data type; a type never read has {@link TypeMetrics#empty()}
 * @param tierErrors failed calls to the shared tier so far (reads, writes, broadcasts)
 * @param lags       the invalidation lag histograms, one per stage; a stage never measured is
 *                   {@link LatencyHistogram#EMPTY}
 */
public record MetricsSnapshot(Map<DataType, TypeMetrics> types, long tierErrors,
                              Map<InvalidationLagStage, LatencyHistogram> lags) {

    public MetricsSnapshot {
        EnumMap<DataType, TypeMetrics> complete = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            complete.put(type, types.getOrDefault(type, TypeMetrics.empty()));
        }
        types = Map.copyOf(complete);
        EnumMap<InvalidationLagStage, LatencyHistogram> stages = new EnumMap<>(InvalidationLagStage.class);
        for (InvalidationLagStage stage : InvalidationLagStage.values()) {
            stages.put(stage, lags.getOrDefault(stage, LatencyHistogram.EMPTY));
        }
        lags = Map.copyOf(stages);
    }

    /** A snapshot without invalidation lags. */
    public MetricsSnapshot(Map<DataType, TypeMetrics> types, long tierErrors) {
        this(types, tierErrors, Map.of());
    }

    public LatencyHistogram lag(InvalidationLagStage stage) {
        return lags.get(stage);
    }

    /** Nothing recorded yet. */
    public static MetricsSnapshot empty() {
        return new MetricsSnapshot(Map.of(), 0);
    }

    public TypeMetrics of(DataType type) {
        return types.get(type);
    }

    /** What happened between {@code earlier} and this snapshot. */
    public MetricsSnapshot minus(MetricsSnapshot earlier) {
        Map<DataType, TypeMetrics> difference = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            difference.put(type, of(type).minus(earlier.of(type)));
        }
        Map<InvalidationLagStage, LatencyHistogram> lagDifference = new EnumMap<>(InvalidationLagStage.class);
        for (InvalidationLagStage stage : InvalidationLagStage.values()) {
            lagDifference.put(stage, lag(stage).minus(earlier.lag(stage)));
        }
        return new MetricsSnapshot(difference, Math.max(0, tierErrors - earlier.tierErrors), lagDifference);
    }

    /** Every type's figures added up. */
    public TypeMetrics allTypes() {
        TypeMetrics sum = TypeMetrics.empty();
        for (DataType type : DataType.values()) {
            sum = sum.plus(of(type));
        }
        return sum;
    }
}
