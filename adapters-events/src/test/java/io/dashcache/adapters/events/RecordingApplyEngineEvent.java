package io.dashcache.adapters.events;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.EngineEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The port as the consumer sees it: records what it applied, can refuse like a Redis outage, and
 * in its deduplicating form has an effect once per event id, as the real use case promises.
 */
final class RecordingApplyEngineEvent implements ApplyEngineEvent {

    private final boolean deduplicating;
    private final List<EngineEvent> applied = new CopyOnWriteArrayList<>();
    private final List<java.time.Instant> streamedAt = new CopyOnWriteArrayList<>();
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile boolean failing;
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();

    private RecordingApplyEngineEvent(boolean deduplicating) {
        this.deduplicating = deduplicating;
    }

    static RecordingApplyEngineEvent recording() {
        return new RecordingApplyEngineEvent(false);
    }

    static RecordingApplyEngineEvent deduplicating() {
        return new RecordingApplyEngineEvent(true);
    }

    /** While failing, every call throws as the real port does when Redis cannot record the event. */
    void failing(boolean failing) {
        this.failing = failing;
    }

    /**
     * The next call blocks until the returned latch is counted down (at most a minute), as a frozen or
     * dying instance would: its consumer has read the entry and does not acknowledge it.
     */
    CountDownLatch holdNextCall() {
        CountDownLatch latch = new CountDownLatch(1);
        hold.set(latch);
        return latch;
    }

    @Override
    public Outcome apply(EngineEvent event, java.time.Instant streamed) {
        streamedAt.add(streamed);
        return apply(event);
    }

    /** The stream entry times the consumer handed over, one per call through the stream. */
    List<java.time.Instant> streamedAt() {
        return List.copyOf(streamedAt);
    }

    @Override
    public Outcome apply(EngineEvent event) {
        calls.incrementAndGet();
        CountDownLatch held = hold.getAndSet(null);
        if (held != null) {
            awaitQuietly(held);
        }
        if (failing) {
            refusals.incrementAndGet();
            throw new CacheTierUnavailableException("shared tier unavailable (test)", null);
        }
        if (deduplicating && !seenIds.add(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        applied.add(event);
        return Outcome.APPLIED;
    }

    /** The events that had an effect, in the order they had it. */
    List<EngineEvent> applied() {
        return List.copyOf(applied);
    }

    List<String> appliedIds() {
        return applied.stream().map(EngineEvent::eventId).toList();
    }

    int calls() {
        return calls.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int refusals() {
        return refusals.get();
    }
}
