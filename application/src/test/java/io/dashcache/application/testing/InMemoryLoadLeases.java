package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.domain.EntryKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Leases in a map, expiring by a clock, with the same token semantics as Redis; it can be told to fail. */
public final class InMemoryLoadLeases implements LoadLeases {

    private record Held(String token, Instant until) {
    }

    private final Clock clock;
    private final Map<EntryKey, Held> held = new ConcurrentHashMap<>();
    private final AtomicInteger granted = new AtomicInteger();
    private volatile boolean down;

    public InMemoryLoadLeases(Clock clock) {
        this.clock = clock;
    }

    public void goDown() {
        down = true;
    }

    public boolean isHeld(EntryKey key) {
        Held lease = held.get(key);
        return lease != null && clock.instant().isBefore(lease.until());
    }

    /** How many leases were granted so far. */
    public int granted() {
        return granted.get();
    }

    @Override
    public synchronized Optional<Lease> tryAcquire(EntryKey key, Duration ttl) {
        failIfDown();
        if (isHeld(key)) {
            return Optional.empty();
        }
        String token = UUID.randomUUID().toString();
        held.put(key, new Held(token, clock.instant().plus(ttl)));
        granted.incrementAndGet();
        return Optional.of(new Lease(key, token));
    }

    @Override
    public synchronized void release(Lease lease) {
        failIfDown();
        Held current = held.get(lease.key());
        if (current != null && current.token().equals(lease.token())) {
            held.remove(lease.key());
        }
    }

    private void failIfDown() {
        if (down) {
            throw new CacheTierUnavailableException("in-memory leases are down (test)", null);
        }
    }
}
