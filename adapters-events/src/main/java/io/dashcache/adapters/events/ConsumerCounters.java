package io.dashcache.adapters.events;

import io.dashcache.application.port.in.invalidation.ApplyEngineEvent;
import java.util.concurrent.atomic.AtomicLong;

/** Written by the consumer thread, read by anyone asking for {@link EventConsumerStats}. */
final class ConsumerCounters {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong takenOver = new AtomicLong();
    private final AtomicLong consumersRemoved = new AtomicLong();
    private volatile boolean retrying;
    private volatile String lastError;

    void applied(ApplyEngineEvent.Outcome outcome) {
        (outcome == ApplyEngineEvent.Outcome.DUPLICATE ? duplicates : applied).incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    void takenOver(int entries) {
        takenOver.addAndGet(entries);
    }

    void consumerRemoved() {
        consumersRemoved.incrementAndGet();
    }

    void failed(String error) {
        failedAttempts.incrementAndGet();
        lastError = error;
        retrying = true;
    }

    void recovered() {
        retrying = false;
    }

    EventConsumerStats snapshot() {
        return new EventConsumerStats(applied.get(), duplicates.get(), deadLettered.get(), failedAttempts.get(),
                retrying, lastError, takenOver.get(), consumersRemoved.get());
    }
}
