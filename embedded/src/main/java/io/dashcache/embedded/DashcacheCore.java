package io.dashcache.embedded;

import io.dashcache.adapters.metrics.MeteredSharedCacheTier;
import io.dashcache.adapters.redis.CaffeineLocalTier;
import io.dashcache.adapters.redis.CircuitBreakingSharedTier;
import io.dashcache.adapters.redis.RedisAppliedEvents;
import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisHealthCheck;
import io.dashcache.adapters.redis.RedisInvalidationBroadcast;
import io.dashcache.adapters.redis.RedisLoadLeases;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.RedisSharedTier;
import io.dashcache.adapters.redis.RedisStoreNotices;
import io.dashcache.adapters.redis.RedisTierHealthCheck;
import io.dashcache.application.concurrency.DaemonThreads;
import io.dashcache.application.engine.CacheInvalidator;
import io.dashcache.application.engine.InvalidationListener;
import io.dashcache.application.engine.LocalFillGuard;
import io.dashcache.application.engine.RefreshAhead;
import io.dashcache.application.engine.TieredCache;
import io.dashcache.application.inmemory.NoLocalTier;
import io.dashcache.application.inmemory.NoSharedTier;
import io.dashcache.application.inmemory.RecentAppliedEvents;
import io.dashcache.application.invalidation.EngineEventApplier;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.application.port.out.invalidation.InvalidationBroadcast;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import io.dashcache.application.port.out.reading.LoadLeases;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.application.port.out.reading.StoreNotices;
import io.dashcache.application.port.out.time.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core, assembled once in plain Java: L1, L2 behind its circuit breaker (timed when there is a
 * meter registry), the load leases, the one cache engine ({@link TieredCache}), the invalidator
 * with its broadcast, and the memory of applied events. The service's Spring configuration and the
 * embedded {@link DashcacheClientBuilder} both call {@link #assemble} and add only what is theirs
 * (the engine client and the REST API; named caches and the builder's knobs).
 *
 * <pre>{@code
 * DashcacheCore core = DashcacheCore.assemble(settings, metrics, Optional.of(registry), changeFeed, time);
 * core.start();                       // subscriber, and the breaker's recovery flushing L1
 * TieredCache engine = core.engine();
 * core.close();
 * }</pre>
 *
 * A Redis that does not answer at start-up is not a reason to give it up: the circuit keeps requests
 * off it, the subscriber retries, and it is used as soon as it answers.
 */
public final class DashcacheCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashcacheCore.class);
    /**
     * Randomness for every thread: each draw asks {@link ThreadLocalRandom#current()} on the drawing
     * thread (a ThreadLocalRandom captured once would use other threads' uninitialised seeds).
     */
    private static final RandomGenerator PER_THREAD_RANDOM = () -> ThreadLocalRandom.current().nextLong();
    static final long RECOVERY_PERIOD_MS = 100;

    private final CoreSettings settings;
    private final LocalCacheTier local;
    private final SharedCacheTier shared;
    private final LoadLeases leases;
    private final TieredCache engine;
    private final CacheInvalidator invalidator;
    private final EngineEventApplier events;
    private final AppliedEvents appliedEvents;
    private final DependencyCheck health;
    private final Optional<RedisConnector> connector;
    private final Optional<RedisSharedTier> redisTier;
    private final Optional<CircuitBreakingSharedTier> breaker;
    private final Optional<RedisInvalidationBroadcast> subscriber;
    private final Optional<RedisStoreNotices> storeNotices;
    private final ExecutorService refresher;
    private final ScheduledExecutorService recovery;

    private DashcacheCore(CoreSettings settings, CacheMetrics metrics, Optional<MeterRegistry> registry,
                          InvalidationListener listener, TimeSource time) {
        this.settings = settings;
        this.local = settings.l1MaxBytes() == 0 ? new NoLocalTier()
                : new CaffeineLocalTier(settings.l1MaxBytes(), settings.l1Ttl(), time);
        this.connector = settings.redisUrl().map(url -> new RedisConnector(new RedisSettings(url,
                settings.redisTimeout(), settings.redisTimeout(), RedisSettings.DEFAULT_MAX_CONNECTIONS)));
        this.redisTier = connector.map(redis -> new RedisSharedTier(redis.client(), settings.keys(),
                RedisSharedTier.DEFAULT_VERSION_TTL, settings.replicaAcks(), settings.compressAboveBytes(), true));
        this.breaker = connector.map(redis -> new CircuitBreakingSharedTier(redisTier.orElseThrow(), settings.keys(),
                redis.shards(), settings.breaker(), redis.maskedUrl()));
        SharedCacheTier tier = breaker.<SharedCacheTier>map(b -> b).orElseGet(NoSharedTier::new);
        this.shared = registry.isPresent() && breaker.isPresent() ? new MeteredSharedCacheTier(tier, registry.get())
                : tier; // the L1-only stand-in is not a Redis worth timing
        this.leases = connector.<LoadLeases>map(redis -> new RedisLoadLeases(redis.client(), settings.keys(),
                settings.instanceId())).orElse(LoadLeases.UNSHARED);
        this.appliedEvents = connector.<AppliedEvents>map(redis -> new RedisAppliedEvents(redis.client(),
                settings.keys(), RedisAppliedEvents.DEFAULT_RETENTION, breaker.orElseThrow()))
                .orElseGet(() -> new RecentAppliedEvents(100_000));
        this.subscriber = connector.map(redis -> new RedisInvalidationBroadcast(redis, settings.keys(),
                settings.instanceId()));
        this.storeNotices = connector.map(redis -> new RedisStoreNotices(redis, settings.keys(), settings.instanceId()));
        this.health = breaker.<DependencyCheck>map(b -> new RedisTierHealthCheck(
                new RedisHealthCheck(connector.orElseThrow()), b)).orElseGet(() -> {
                    DependencyHealth state = DependencyHealth.degraded("redis", "disabled: L1-only");
                    return () -> state;
                });
        InvalidationBroadcast broadcast = subscriber.<InvalidationBroadcast>map(b -> b).orElse(message -> { });
        this.refresher = refreshPool();
        LocalFillGuard guard = new LocalFillGuard();
        this.engine = new TieredCache(local, shared, leases, storeNotices.<StoreNotices>map(n -> n).orElse(StoreNotices.NONE),
                guard, metrics, time, refresher, PER_THREAD_RANDOM,
                new RefreshAhead(settings.refreshAheadBeta(), PER_THREAD_RANDOM), settings.readPath());
        this.invalidator = new CacheInvalidator(local, shared, broadcast, guard, metrics, settings.instanceId(),
                listener, time);
        this.events = new EngineEventApplier(invalidator, appliedEvents, settings.maxPendingEvents());
        this.recovery = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dashcache-redis-recovery"));
        if (registry.isPresent() && local instanceof CaffeineLocalTier caffeine) {
            io.dashcache.adapters.metrics.LocalTierMetrics.bind(registry.get(), caffeine.nativeCache(),
                    caffeine::weightInBytes);
        }
    }

    /**
     * Builds the core; nothing runs until {@link #start()}.
     *
     * @param metrics  where the engine records reads, loads and invalidations
     * @param registry when present, L2 calls are timed and L1's statistics bound in it
     * @param listener told of every invalidation, this instance's and the others' (the change feed)
     * @param time     the instance's one time source
     */
    public static DashcacheCore assemble(CoreSettings settings, CacheMetrics metrics, Optional<MeterRegistry> registry,
                                         InvalidationListener listener, TimeSource time) {
        return new DashcacheCore(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(metrics, "metrics"),
                Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(time, "time"));
    }

    /**
     * Subscribes to the other instances' invalidations, and makes a closing circuit first apply the engine
     * events kept while Redis was away, then flush L1 (broadcasts may have been missed, as after a lost
     * subscription). Every {@value #RECOVERY_PERIOD_MS} ms a thread of its own probes the open circuits (a
     * shard that answers again, or whose replica took over, is used at once) and applies the kept events
     * whose shards answer.
     * Returns at once.
     */
    public void start() {
        connector.ifPresent(redis -> {
            if (redis.ping()) {
                LOG.info("Redis L2 at {}", redis.maskedUrl());
            } else {
                LOG.warn("Redis at {} does not answer at start-up: reads go L1 -> source until it does; it is used "
                        + "as soon as it answers", redis.maskedUrl());
            }
        });
        breaker.ifPresent(b -> {
            b.onRecovery(() -> {
                events.replayPending();
                invalidator.onSharedTierRestored();
            });
            recovery.scheduleWithFixedDelay(() -> recover(b), RECOVERY_PERIOD_MS, RECOVERY_PERIOD_MS,
                    TimeUnit.MILLISECONDS);
        });
        subscriber.ifPresent(s -> s.start(invalidator));
        storeNotices.ifPresent(RedisStoreNotices::start);
    }

    /** One pass of the recovery thread; never throws (a scheduled task that throws stops). */
    private void recover(CircuitBreakingSharedTier b) {
        try {
            b.probeIfOpen();
            // each kept event whose shards answer is applied; those of a shard still away wait, without I/O
            if (events.pendingEvents() > 0) {
                events.replayPending();
            }
        } catch (RuntimeException e) {
            LOG.debug("Redis recovery pass failed: {}", e.toString());
        }
    }

    public CoreSettings settings() {
        return settings;
    }

    public TieredCache engine() {
        return engine;
    }

    public CacheInvalidator invalidator() {
        return invalidator;
    }

    public EngineEventApplier events() {
        return events;
    }

    public LocalCacheTier local() {
        return local;
    }

    /** L2 as the use cases call it (behind the breaker, timed when there is a registry). */
    public SharedCacheTier shared() {
        return shared;
    }

    public AppliedEvents appliedEvents() {
        return appliedEvents;
    }

    /** Redis' state for {@code /health}: the breaker and a ping. */
    public DependencyCheck health() {
        return health;
    }

    public Optional<RedisConnector> connector() {
        return connector;
    }

    public Optional<CircuitBreakingSharedTier> breaker() {
        return breaker;
    }

    public Optional<RedisInvalidationBroadcast> subscriber() {
        return subscriber;
    }

    /** Version bumps fewer replicas confirmed than {@code replicaAcks} asks, since start. */
    public long unreplicatedBumps() {
        return redisTier.map(RedisSharedTier::unreplicatedBumps).orElse(0L);
    }

    /** Whether the invalidation subscriber holds its subscription (always true when L1-only). */
    public boolean isSubscribed() {
        return subscriber.map(RedisInvalidationBroadcast::isSubscribed).orElse(true);
    }

    @Override
    public void close() {
        subscriber.ifPresent(RedisInvalidationBroadcast::close);
        recovery.shutdownNow();
        storeNotices.ifPresent(RedisStoreNotices::close);
        refresher.shutdownNow();
        connector.ifPresent(RedisConnector::close);
    }

    /** Background refreshes: two threads and a bounded queue; what does not fit is dropped, never run by a reader. */
    private static ExecutorService refreshPool() {
        return new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                DaemonThreads.named("dashcache-refresh"), new ThreadPoolExecutor.AbortPolicy());
    }
}
