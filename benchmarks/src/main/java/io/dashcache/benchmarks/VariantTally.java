package io.dashcache.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One variant's slices added up: what it measured, every request it was sent, and the CPU it cost. */
final class VariantTally {

    private final PhaseLog measured = new PhaseLog();
    private final List<OnDemandOracle.Sent> trace = new ArrayList<>();
    private final Map<String, Long> closedOutcomes = new TreeMap<>();
    private final List<GcWatch.Collection> collections = new ArrayList<>();
    private long warmupRequests;
    private long measuredNanos;
    private long clientCpuNanos;
    private long processCpuNanos;
    private double redisCpuSeconds;
    private long measureFrom = Long.MAX_VALUE;
    private long closedRequests;
    private long closedNanos;

    void add(LoadDriver.Slice slice) {
        trace.addAll(slice.trace());
        if (!slice.measured()) {
            warmupRequests += slice.requests();
            return;
        }
        measured.addAll(slice.log());
        measuredNanos += slice.length().toNanos();
        clientCpuNanos += slice.clientCpuNanos();
        processCpuNanos += slice.processCpuNanos();
        redisCpuSeconds += slice.redisCpuSeconds();
        measureFrom = Math.min(measureFrom, slice.firstDue());
        collections.addAll(slice.collections());
    }

    /** The garbage collections that happened while this variant was measured. */
    List<GcWatch.Collection> collections() {
        return collections;
    }

    void add(LoadDriver.ClosedResult closed) {
        closedRequests += closed.requests();
        closedNanos += closed.time().toNanos();
        closed.outcomes().forEach((outcome, count) -> closedOutcomes.merge(outcome, count, Long::sum));
    }

    /** The share of the measured reads an on-demand cache told of every event would have hit. */
    double oracleHitRate() {
        List<OnDemandOracle.Sent> stream = new ArrayList<>(trace);
        stream.sort(Comparator.comparingLong(OnDemandOracle.Sent::due));
        return OnDemandOracle.hitRate(stream, measureFrom);
    }

    PhaseLog measured() {
        return measured;
    }

    long warmupRequests() {
        return warmupRequests;
    }

    double measuredSeconds() {
        return measuredNanos / 1e9;
    }

    double clientCores() {
        return clientCpuNanos / 1e9 / measuredSeconds();
    }

    double processCores() {
        return processCpuNanos / 1e9 / measuredSeconds();
    }

    double redisCores() {
        return redisCpuSeconds / measuredSeconds();
    }

    /** Requests per second in the closed-loop slices; NaN when there were none. */
    double capacity() {
        return closedNanos == 0 ? Double.NaN : closedRequests / (closedNanos / 1e9);
    }

    double closedSeconds() {
        return closedNanos / 1e9;
    }

    Map<String, Long> closedOutcomes() {
        return closedOutcomes;
    }
}
