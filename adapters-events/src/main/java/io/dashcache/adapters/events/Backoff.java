package io.dashcache.adapters.events;

import java.time.Duration;

/** Exponential back-off between retries, capped so a recovered Redis is noticed within seconds. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    Duration next() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    void reset() {
        next = first;
    }
}
