package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2 behind a circuit breaker (resilience4j): when Redis keeps failing, the circuit opens and every
 * call fails at once with {@link CacheTierUnavailableException}, so requests go L1 -> engine without
 * paying a Redis timeout each. After {@link RedisBreakerSettings#openFor()} a few probes go through;
 * when they succeed the circuit closes and the recovery listeners run (the core applies the engine
 * events it kept meanwhile, then flushes L1: invalidations may have been missed). A Redis that answers
 * PING again is probed at once ({@link #probeIfOpen()}).
 *
 * <pre>{@code
 * CircuitBreakingSharedTier l2 = new CircuitBreakingSharedTier(new RedisSharedTier(client, keys),
 *         connector::ping, RedisBreakerSettings.defaults(), connector.maskedUrl());
 * l2.onRecovery(invalidator::onConnectionRestored);
 * }</pre>
 *
 * <p>The log says once that the circuit opened and once that it closed, never once per request.
 * Only the tier's own failures count; a {@code false} from the compare-and-set is a success.
 */
public final class CircuitBreakingSharedTier implements SharedCacheTier {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakingSharedTier.class);

    private final SharedCacheTier delegate;
    private final BooleanSupplier ping;
    private final CircuitBreaker breaker;
    private final String target;
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final int probes;

    /**
     * @param ping   a bounded PING of the same Redis, used as a probe while the circuit is not closed
     * @param target where Redis is, masked, for the log
     */
    public CircuitBreakingSharedTier(SharedCacheTier delegate, BooleanSupplier ping, RedisBreakerSettings settings,
                                     String target) {
        this(delegate, ping, settings, target, Clock.systemUTC());
    }

    /** @param clock measures how long the circuit has been open (a fake one in tests) */
    CircuitBreakingSharedTier(SharedCacheTier delegate, BooleanSupplier ping, RedisBreakerSettings settings,
                              String target, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ping = Objects.requireNonNull(ping, "ping");
        this.target = Objects.requireNonNull(target, "target");
        this.probes = settings.probes();
        this.breaker = CircuitBreaker.of("redis-l2", CircuitBreakerConfig.custom()
                .slidingWindow(settings.window(), settings.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.probes())
                // a refusal is an everyday answer during an outage: no stack trace to fill each time
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(this::transitioned);
    }

    /** Runs {@code listener} each time the circuit closes after an outage. */
    public void onRecovery(Runnable listener) {
        recoveryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public boolean isClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    public String state() {
        return breaker.getState().name();
    }

    /**
     * While the circuit is not closed, spends one of its probes on a PING, if the circuit allows
     * one now; so an instance with no traffic still finds out that Redis is back.
     */
    public void probe() {
        if (isClosed() || !breaker.tryAcquirePermission()) {
            return;
        }
        long started = breaker.getCurrentTimestamp();
        boolean answered = ping.getAsBoolean();
        long took = breaker.getCurrentTimestamp() - started;
        if (answered) {
            breaker.onSuccess(took, breaker.getTimestampUnit());
        } else {
            breaker.onError(took, breaker.getTimestampUnit(),
                    new CacheTierUnavailableException("Redis did not answer a probe PING", null));
        }
    }

    /**
     * While the circuit is open, a PING that answers moves it to half-open at once and spends its probes:
     * Redis is back (restarted, thawed, a replica promoted, Sentinel switched), so there is no reason to
     * wait out the open time ({@code DASHCACHE_REDIS_BREAKER_OPEN_MS} stays the bound for requests alone).
     * On a cluster the PING is {@code cluster_state:ok}, which a cluster with a dead primary does not say
     * until its replica took over. The core calls this every {@code 100 ms} from a thread of its own.
     */
    public void probeIfOpen() {
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            if (!ping.getAsBoolean()) {
                return;
            }
            LOG.info("Redis L2 at {} answers PING while the circuit is open: probing it now", target);
            breaker.transitionToHalfOpenState();
        }
        for (int i = 0; i < probes && breaker.getState() == CircuitBreaker.State.HALF_OPEN; i++) {
            probe();
        }
    }

    @Override
    public SharedRead read(EntryKey key) {
        return call(() -> delegate.read(key));
    }

    @Override
    public List<SharedRead> readAll(List<? extends EntryKey> keys) {
        return call(() -> delegate.readAll(keys));
    }

    @Override
    public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
        return call(() -> delegate.writeIfVersion(key, entry, ttl));
    }

    /** No I/O: the delegate's answer, whatever the circuit's state. */
    @Override
    public long storedBytes(CacheEntry entry) {
        return delegate.storedBytes(entry);
    }

    @Override
    public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
        return call(() -> delegate.bumpVersions(scopes));
    }

    @Override
    public boolean bumpVersionsAndBroadcast(Collection<? extends Scope> scopes, InvalidationMessage message) {
        return call(() -> delegate.bumpVersionsAndBroadcast(scopes, message));
    }

    @Override
    public long deleteType(DataType type) {
        return call(() -> delegate.deleteType(type));
    }

    @Override
    public long deleteEverything() {
        return call(delegate::deleteEverything);
    }

    private <T> T call(Supplier<T> operation) {
        if (!breaker.tryAcquirePermission()) {
            throw new CacheTierUnavailableException("Redis circuit " + state()
                    + ": L2 is skipped until Redis answers again", null);
        }
        long started = breaker.getCurrentTimestamp();
        try {
            T result = operation.get();
            breaker.onSuccess(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit());
            return result;
        } catch (CacheTierUnavailableException e) {
            breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), e);
            throw e;
        } catch (RuntimeException | Error e) {
            // not Redis failing (a bug, a bad argument): says nothing about Redis's health
            breaker.releasePermission();
            throw e;
        }
    }

    private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
        switch (event.getStateTransition()) {
            case CLOSED_TO_OPEN -> LOG.warn("Redis L2 at {} keeps failing: circuit open, reads go L1 -> engine "
                    + "and /health says DEGRADED until it answers again", target);
            case HALF_OPEN_TO_OPEN -> LOG.debug("Redis L2 at {} still failing its probes: circuit open again", target);
            case HALF_OPEN_TO_CLOSED, OPEN_TO_CLOSED -> recovered();
            default -> LOG.debug("Redis L2 circuit: {}", event.getStateTransition());
        }
    }

    private void recovered() {
        LOG.info("Redis L2 at {} answers again: circuit closed; applying kept events and flushing L1, "
                + "invalidations may have been missed", target);
        for (Runnable listener : recoveryListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A recovery listener failed: {}", RedisFailures.describe(e));
            }
        }
    }
}
