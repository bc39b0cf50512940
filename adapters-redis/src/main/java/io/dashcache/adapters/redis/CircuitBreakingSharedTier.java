package io.dashcache.adapters.redis;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2 behind one circuit breaker (resilience4j) per shard ({@link RedisShards}: each primary of a Redis
 * Cluster; the one server or Sentinel primary otherwise): when a shard keeps failing its circuit opens
 * and every call for its keys fails at once with {@link CacheTierUnavailableException}, so those reads
 * go L1 -> engine without paying a Redis timeout each, while the keys of the other shards keep using
 * L2. After {@link RedisBreakerSettings#openFor()} a few probes go through; when they succeed the
 * circuit closes and the recovery listeners run (the core applies the engine events it kept meanwhile,
 * then flushes L1: invalidations may have been missed). A shard whose primary answers PING again is
 * probed at once, and one whose slots another primary took over (a promoted replica) is retired at once
 * ({@link #probeIfOpen()}): its keys go to the new primary's circuit, and the recovery listeners run.
 *
 * <pre>{@code
 * CircuitBreakingSharedTier l2 = new CircuitBreakingSharedTier(new RedisSharedTier(client, keys), keys,
 *         connector.shards(), RedisBreakerSettings.defaults(), connector.maskedUrl());
 * l2.onRecovery(invalidator::onConnectionRestored);
 * }</pre>
 *
 * <p>A call that spans shards (a batch read, the version bumps of one event) is split per shard, each
 * part through its own circuit: a batch read answers {@link SharedRead#unavailable()} for the keys of a
 * failing shard and L2's values for the rest. The log says once per shard that its circuit opened and
 * once that it closed, never once per request. Only the tier's own failures count; a {@code false} from
 * the compare-and-set is a success.
 */
public final class CircuitBreakingSharedTier implements SharedCacheTier, KeyCircuits {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakingSharedTier.class);

    private final SharedCacheTier delegate;
    private final KeyFormat keys;
    private final RedisShards shards;
    private final CircuitBreakerConfig config;
    private final String target;
    private final int probes;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final List<ShardWatcher> watchers = new CopyOnWriteArrayList<>();

    /** Told when a shard's circuit comes into being and when it is retired (for its metric). */
    public interface ShardWatcher {

        /** @param state the circuit's state now, each time it is asked ({@link #state()}'s names) */
        void added(String shard, Supplier<String> state);

        void retired(String shard);
    }

    /**
     * One shard: a single server or a Sentinel-managed primary.
     *
     * @param ping   a bounded PING of the same Redis, used as a probe while the circuit is not closed
     * @param target where Redis is, masked, for the log
     */
    public CircuitBreakingSharedTier(SharedCacheTier delegate, BooleanSupplier ping, RedisBreakerSettings settings,
                                     String target) {
        this(delegate, KeyFormat.standalone("unused"), RedisShards.single(ping), settings, target, Clock.systemUTC());
    }

    /**
     * @param keys   how the delegate names keys in Redis: the names decide the shard
     * @param shards which shard serves a key, and a PING of each ({@link RedisConnector#shards()})
     * @param target where Redis is, masked, for the log
     */
    public CircuitBreakingSharedTier(SharedCacheTier delegate, KeyFormat keys, RedisShards shards,
                                     RedisBreakerSettings settings, String target) {
        this(delegate, keys, shards, settings, target, Clock.systemUTC());
    }

    /** @param clock measures how long a circuit has been open (a fake one in tests) */
    CircuitBreakingSharedTier(SharedCacheTier delegate, KeyFormat keys, RedisShards shards,
                              RedisBreakerSettings settings, String target, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.shards = Objects.requireNonNull(shards, "shards");
        this.target = Objects.requireNonNull(target, "target");
        this.probes = settings.probes();
        this.config = CircuitBreakerConfig.custom()
                .slidingWindow(settings.window(), settings.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.probes())
                // a refusal is an everyday answer during an outage: no stack trace to fill each time
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        // the shards known now have a circuit (and a metric) from the start
        shards.shards().forEach(this::breaker);
    }

    /** Runs {@code listener} each time a shard's circuit closes after an outage, or its slots moved to another primary. */
    public void onRecovery(Runnable listener) {
        recoveryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells {@code watcher} of every shard's circuit there is now and will be. */
    public void watchShards(ShardWatcher watcher) {
        watchers.add(Objects.requireNonNull(watcher, "watcher"));
        breakers.forEach((shard, breaker) -> watcher.added(shard, () -> breaker.getState().name()));
    }

    /** Whether every shard's circuit is closed. */
    public boolean isClosed() {
        return breakers.values().stream().allMatch(breaker -> breaker.getState() == CircuitBreaker.State.CLOSED);
    }

    /** The worst of the shards' states: {@code OPEN} if any is open, else {@code HALF_OPEN} if any probes, else {@code CLOSED}. */
    public String state() {
        CircuitBreaker.State worst = CircuitBreaker.State.CLOSED;
        for (CircuitBreaker breaker : breakers.values()) {
            CircuitBreaker.State state = breaker.getState();
            if (state != CircuitBreaker.State.CLOSED && state != CircuitBreaker.State.HALF_OPEN) {
                return CircuitBreaker.State.OPEN.name();
            }
            if (state == CircuitBreaker.State.HALF_OPEN) {
                worst = state;
            }
        }
        return worst.name();
    }

    /** Each shard's circuit state, by shard name ({@link RedisShards}). */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        breakers.forEach((shard, breaker) -> states.put(shard, breaker.getState().name()));
        return states;
    }

    /** The shards whose circuit is not closed, for {@code /health}: empty when all are. */
    public Map<String, String> troubled() {
        Map<String, String> troubled = states();
        troubled.values().removeIf(CircuitBreaker.State.CLOSED.name()::equals);
        return troubled;
    }

    /**
     * For {@code /health}: {@code circuit OPEN} with one shard; on a cluster which shards are not closed,
     * e.g. {@code circuit OPEN for shard 10.0.0.7:6379 (1 of 3; the others' keys use L2)}.
     */
    public String summary() {
        if (!shards.sharded()) {
            return "circuit " + state();
        }
        Map<String, String> troubled = troubled();
        return "circuit " + state() + " for shard" + (troubled.size() == 1 ? " " : "s ")
                + String.join(", ", troubled.keySet()) + " (" + troubled.size() + " of " + breakers.size()
                + "; the others' keys use L2)";
    }

    /**
     * Whether calls for these scopes would reach Redis now: false while the circuit of a shard holding one
     * of them is open. No I/O.
     */
    @Override
    public boolean reachable(Collection<? extends Scope> scopes) {
        for (Scope scope : scopes) {
            if (breaker(shardOf(scope)).getState() == CircuitBreaker.State.OPEN) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs a command of another Redis adapter on {@code redisKey} through that key's circuit: refused at
     * once while it is open, and its failures count there.
     */
    @Override
    public <T> T guard(String redisKey, Supplier<T> command) {
        return call(shardOfName(redisKey), command);
    }

    /**
     * While a shard's circuit is not closed, spends one of its probes on a PING of that shard, if the
     * circuit allows one now; so an instance with no traffic still finds out that Redis is back.
     */
    public void probe() {
        breakers.forEach((shard, breaker) -> probe(shard, breaker));
    }

    private void probe(String shard, CircuitBreaker breaker) {
        if (breaker.getState() == CircuitBreaker.State.CLOSED || !breaker.tryAcquirePermission()) {
            return;
        }
        long started = breaker.getCurrentTimestamp();
        boolean answered = shards.ping(shard);
        long took = breaker.getCurrentTimestamp() - started;
        if (answered) {
            breaker.onSuccess(took, breaker.getTimestampUnit());
        } else {
            breaker.onError(took, breaker.getTimestampUnit(),
                    new CacheTierUnavailableException("Redis did not answer a probe PING", null));
        }
    }

    /**
     * While a circuit is not closed: first the cluster is asked again which primary serves which slot, and a
     * shard that serves none any more (its replica was promoted) is retired at once: its keys go to the new
     * primary's circuit, which starts closed, and the recovery listeners run (kept events are applied now).
     * Then a PING that answers moves an open circuit to half-open at once and spends its probes: Redis is
     * back (restarted, thawed, Sentinel switched), so there is no reason to wait out the open time
     * ({@code DASHCACHE_REDIS_BREAKER_OPEN_MS} stays the bound for requests alone). For one server or
     * Sentinel the PING is the connector's; for the {@value RedisShards#UNKNOWN} shard of a cluster it is
     * {@code cluster_state:ok}. The core calls this every {@code 100 ms} from a thread of its own.
     */
    public void probeIfOpen() {
        if (isClosed()) {
            return;
        }
        if (shards.sharded()) {
            shards.refresh();
            retireMoved();
        }
        breakers.forEach((shard, breaker) -> {
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                if (!shards.ping(shard)) {
                    return;
                }
                LOG.info("Redis L2 shard {} of {} answers PING while its circuit is open: probing it now", shard, target);
                breaker.transitionToHalfOpenState();
            }
            for (int i = 0; i < probes && breaker.getState() == CircuitBreaker.State.HALF_OPEN; i++) {
                probe(shard, breaker);
            }
        });
    }

    /** Circuits of primaries that serve no slot now: gone (their metric too); one that was not closed recovers. */
    private void retireMoved() {
        Set<String> serving = shards.shards();
        breakers.forEach((shard, breaker) -> {
            if (serving.contains(shard) || !breakers.remove(shard, breaker)) {
                return;
            }
            watchers.forEach(watcher -> watcher.retired(shard));
            if (breaker.getState() != CircuitBreaker.State.CLOSED) {
                LOG.info("Redis L2 shard {} of {} serves no slot any more (a replica took over): its keys go to {} "
                        + "now", shard, target, serving);
                recovered(shard);
            }
        });
    }

    @Override
    public SharedRead read(EntryKey key) {
        return call(shardOf(key), () -> delegate.read(key));
    }

    /** One call per shard the keys live on; the keys of a shard that fails are {@link SharedRead#unavailable()}. */
    @Override
    public List<SharedRead> readAll(List<? extends EntryKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, List<Integer>> perShard = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            perShard.computeIfAbsent(shardOf(keys.get(i)), shard -> new ArrayList<>()).add(i);
        }
        if (perShard.size() == 1) {
            return call(perShard.keySet().iterator().next(), () -> delegate.readAll(keys));
        }
        List<SharedRead> reads = new ArrayList<>(keys.size());
        keys.forEach(key -> reads.add(SharedRead.unavailable()));
        CacheTierUnavailableException failure = null;
        int failedShards = 0;
        for (Map.Entry<String, List<Integer>> shard : perShard.entrySet()) {
            List<EntryKey> part = shard.getValue().stream().<EntryKey>map(keys::get).toList();
            try {
                List<SharedRead> answered = call(shard.getKey(), () -> delegate.readAll(part));
                for (int i = 0; i < part.size(); i++) {
                    reads.set(shard.getValue().get(i), answered.get(i));
                }
            } catch (CacheTierUnavailableException e) {
                failure = e;
                failedShards++;
            }
        }
        if (failedShards == perShard.size()) {
            throw failure;
        }
        return reads;
    }

    @Override
    public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
        return call(shardOf(key), () -> delegate.writeIfVersion(key, entry, ttl));
    }

    /** No I/O: the delegate's answer, whatever the circuits' states. */
    @Override
    public long storedBytes(CacheEntry entry) {
        return delegate.storedBytes(entry);
    }

    /**
     * One call per shard the scopes' versions live on, each through its circuit; when one fails the others
     * are still bumped (a bump made twice only costs a miss), and then the failure is thrown.
     */
    @Override
    public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
        if (scopes.isEmpty()) {
            return delegate.bumpVersions(scopes);
        }
        Map<String, List<Scope>> perShard = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            perShard.computeIfAbsent(shardOf(scope), shard -> new ArrayList<>()).add(scope);
        }
        if (perShard.size() == 1) {
            return call(perShard.keySet().iterator().next(), () -> delegate.bumpVersions(scopes));
        }
        Map<Scope, Long> bumped = new LinkedHashMap<>();
        CacheTierUnavailableException failure = null;
        for (Map.Entry<String, List<Scope>> shard : perShard.entrySet()) {
            try {
                bumped.putAll(call(shard.getKey(), () -> delegate.bumpVersions(shard.getValue())));
            } catch (CacheTierUnavailableException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return bumped;
    }

    @Override
    public boolean bumpVersionsAndBroadcast(Collection<? extends Scope> scopes, InvalidationMessage message) {
        if (shards.sharded()) {
            // a cluster broadcasts apart from the bumps (RedisSharedTier), which go per shard
            bumpVersions(scopes);
            return false;
        }
        return call(RedisShards.ALL, () -> delegate.bumpVersionsAndBroadcast(scopes, message));
    }

    @Override
    public long deleteType(DataType type) {
        return everywhere(() -> delegate.deleteType(type));
    }

    @Override
    public long deleteEverything() {
        return everywhere(delegate::deleteEverything);
    }

    /** An operator's walk over every primary: refused while any shard's circuit is open; counted only with one shard. */
    private <T> T everywhere(Supplier<T> operation) {
        if (!shards.sharded()) {
            return call(RedisShards.ALL, operation);
        }
        Map<String, String> troubled = troubled();
        if (troubled.containsValue(CircuitBreaker.State.OPEN.name())) {
            throw new CacheTierUnavailableException("Redis circuit OPEN for shard(s) " + troubled.keySet()
                    + ": a walk over every primary is refused until they answer again", null);
        }
        return operation.get();
    }

    private String shardOf(EntryKey key) {
        return shards.sharded() ? shards.shardOf(keys.valueKey(key)) : RedisShards.ALL;
    }

    private String shardOf(Scope scope) {
        return shards.sharded() ? shards.shardOf(keys.versionKey(scope)) : RedisShards.ALL;
    }

    private String shardOfName(String redisKey) {
        return shards.sharded() ? shards.shardOf(redisKey) : RedisShards.ALL;
    }

    private CircuitBreaker breaker(String shard) {
        CircuitBreaker known = breakers.get(shard);
        return known != null ? known : breakers.computeIfAbsent(shard, this::newBreaker);
    }

    private CircuitBreaker newBreaker(String shard) {
        CircuitBreaker breaker = CircuitBreaker.of("redis-l2-" + shard, config);
        breaker.getEventPublisher().onStateTransition(event -> transitioned(shard, event));
        watchers.forEach(watcher -> watcher.added(shard, () -> breaker.getState().name()));
        return breaker;
    }

    private <T> T call(String shard, Supplier<T> operation) {
        CircuitBreaker breaker = breaker(shard);
        if (!breaker.tryAcquirePermission()) {
            throw new CacheTierUnavailableException("Redis circuit " + breaker.getState().name()
                    + (shards.sharded() ? " for shard " + shard : "")
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

    private void transitioned(String shard, CircuitBreakerOnStateTransitionEvent event) {
        String where = shards.sharded() ? "shard " + shard + " of " + target : target;
        switch (event.getStateTransition()) {
            case CLOSED_TO_OPEN -> LOG.warn("Redis L2 at {} keeps failing: circuit open, reads of its keys go L1 -> "
                    + "engine and /health says DEGRADED until it answers again", where);
            case HALF_OPEN_TO_OPEN -> LOG.debug("Redis L2 at {} still failing its probes: circuit open again", where);
            case HALF_OPEN_TO_CLOSED, OPEN_TO_CLOSED -> recovered(where);
            default -> LOG.debug("Redis L2 circuit of {}: {}", where, event.getStateTransition());
        }
    }

    private void recovered(String where) {
        LOG.info("Redis L2 at {} answers again: circuit closed; applying kept events and flushing L1, "
                + "invalidations may have been missed", where);
        for (Runnable listener : recoveryListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A recovery listener failed: {}", RedisFailures.describe(e));
            }
        }
    }
}
