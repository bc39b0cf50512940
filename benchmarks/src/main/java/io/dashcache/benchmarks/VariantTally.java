package io.dashcache.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One server's slices of one phase added up: what it measured, every request it was sent, the CPU its
 * process used (in all and by thread group), the engine calls it made, and its flight recording.
 */
final class VariantTally {

    private final PhaseLog measured = new PhaseLog();
    private final List<OnDemandOracle.Sent> trace = new ArrayList<>();
    private final Map<String, Long> closedOutcomes = new TreeMap<>();
    private final Map<String, Long> threadCpuNanos = new TreeMap<>();
    private long warmupRequests;
    private long measuredNanos;
    private long clientCpuNanos;
    private long serverCpuNanos;
    private long engineCalls;
    private JfrProfile profile;
    private double redisCpuSeconds;
    private long measureFrom = Long.MAX_VALUE;
    private long closedRequests;
    private long closedNanos;

    /**
     * @param threadCpu   CPU by thread group of the server during the slice (nanoseconds)
     * @param engineCalls the calls the engine served the server during the slice
     */
    void add(LoadDriver.Slice slice, Map<String, Long> threadCpu, long engineCalls) {
        trace.addAll(slice.trace());
        if (!slice.measured()) {
            warmupRequests += slice.requests();
            return;
        }
        measured.addAll(slice.log());
        measuredNanos += slice.length().toNanos();
        clientCpuNanos += slice.clientCpuNanos();
        serverCpuNanos += slice.serverCpuNanos();
        redisCpuSeconds += slice.redisCpuSeconds();
        measureFrom = Math.min(measureFrom, slice.firstDue());
        threadCpu.forEach((group, nanos) -> threadCpuNanos.merge(group, nanos, Long::sum));
        this.engineCalls += engineCalls;
    }

    void profile(JfrProfile recorded) {
        this.profile = recorded;
    }

    /** The flight recording over the measured slices; null when none was taken. */
    JfrProfile profile() {
        return profile;
    }

    Map<String, Long> threadCpuNanos() {
        return threadCpuNanos;
    }

    long serverCpuNanos() {
        return serverCpuNanos;
    }

    long engineCalls() {
        return engineCalls;
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

    double serverCores() {
        return serverCpuNanos / 1e9 / measuredSeconds();
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
