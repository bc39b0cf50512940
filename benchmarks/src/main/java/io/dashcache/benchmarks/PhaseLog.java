package io.dashcache.benchmarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one phase saw: latencies (nanoseconds, from the intended send time) by outcome, counts by
 * data type and outcome, and how late the client sent. Each worker fills its own; they are merged
 * at the end, so recording takes no lock.
 */
final class PhaseLog {

    static final String EVENT = "EVENT";
    static final String ERROR = "ERROR";

    private final Map<String, LongList> latencies = new TreeMap<>();
    private final Map<String, Map<String, Long>> byType = new TreeMap<>();
    private final LongList sendDelays = new LongList();

    void record(Call call, String outcome, long latencyNanos, long sendDelayNanos) {
        latencies.computeIfAbsent(outcome, any -> new LongList()).add(latencyNanos);
        byType.computeIfAbsent(call.label(), any -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
        sendDelays.add(sendDelayNanos);
    }

    void addAll(PhaseLog other) {
        other.latencies.forEach((outcome, values) ->
                latencies.computeIfAbsent(outcome, any -> new LongList()).addAll(values));
        other.byType.forEach((type, counts) -> counts.forEach((outcome, count) ->
                byType.computeIfAbsent(type, any -> new TreeMap<>()).merge(outcome, count, Long::sum)));
        sendDelays.addAll(other.sendDelays);
    }

    Map<String, LongList> latencies() {
        return latencies;
    }

    Map<String, Map<String, Long>> byType() {
        return byType;
    }

    LongList sendDelays() {
        return sendDelays;
    }

    long count() {
        return latencies.values().stream().mapToLong(LongList::size).sum();
    }

    /** The outcome of an answer: its {@code X-Cache} for a read, EVENT for an applied event, else ERROR. */
    static String outcomeOf(Call call, HttpConnection.Reply reply) {
        if (reply.status() >= 400) {
            return ERROR;
        }
        if (call.isEvent()) {
            return EVENT;
        }
        return reply.xCache() == null ? "NO_X_CACHE" : reply.xCache();
    }
}
