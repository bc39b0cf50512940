package io.dashcache.bootstrap.wiring;

import io.dashcache.adapters.redis.CircuitBreakingSharedTier;
import io.dashcache.adapters.redis.RedisAppliedEvents;
import io.dashcache.adapters.redis.RedisBreakerSettings;
import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.adapters.redis.RedisHealthCheck;
import io.dashcache.adapters.redis.RedisInvalidationBroadcast;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.RedisSharedTier;
import io.dashcache.adapters.redis.RedisTierHealthCheck;
import io.dashcache.application.port.out.AppliedEvents;
import io.dashcache.application.port.out.DependencyCheck;
import io.dashcache.application.port.out.DependencyHealth;
import io.dashcache.application.port.out.InvalidationBroadcast;
import io.dashcache.application.port.out.SharedCacheTier;
import io.dashcache.application.service.NoSharedTier;
import io.dashcache.application.service.RecentAppliedEvents;
import io.dashcache.bootstrap.DashcacheConfig;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of an instance: the L2 tier behind its circuit breaker, the invalidation
 * broadcast and the memory of applied events; or, with {@code DASHCACHE_REDIS_URL=none}, their
 * L1-only stand-ins. A Redis that does not answer at start-up is not a reason to give it up: the
 * circuit keeps requests off it, the subscriber and the event consumer retry, and it is used as
 * soon as it answers; {@code /health} says DEGRADED until then.
 */
public final class SharedSide implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSide.class);

    private final SharedCacheTier tier;
    private final InvalidationBroadcast broadcast;
    private final AppliedEvents appliedEvents;
    private final DependencyCheck health;
    private final Optional<RedisConnector> connector;
    private final Optional<RedisInvalidationBroadcast> subscriber;
    private final Optional<CircuitBreakingSharedTier> breaker;
    private final LongSupplier unreplicatedBumps;

    private SharedSide(SharedCacheTier tier, InvalidationBroadcast broadcast, AppliedEvents appliedEvents,
                       DependencyCheck health, Optional<RedisConnector> connector,
                       Optional<RedisInvalidationBroadcast> subscriber, Optional<CircuitBreakingSharedTier> breaker,
                       LongSupplier unreplicatedBumps) {
        this.breaker = breaker;
        this.unreplicatedBumps = unreplicatedBumps;
        this.tier = tier;
        this.broadcast = broadcast;
        this.appliedEvents = appliedEvents;
        this.health = health;
        this.connector = connector;
        this.subscriber = subscriber;
    }

    static SharedSide connect(DashcacheConfig config) {
        if (config.redisUrl().isEmpty()) {
            LOG.info("DASHCACHE_REDIS_URL=none: running L1-only (no shared tier, no cross-instance invalidation)");
            return localOnly("disabled by DASHCACHE_REDIS_URL=none: L1-only");
        }
        RedisSettings settings = new RedisSettings(config.redisUrl().get(), config.redisTimeout(),
                config.redisTimeout(), RedisSettings.DEFAULT_MAX_CONNECTIONS);
        RedisConnector connector = new RedisConnector(settings);
        if (connector.ping()) {
            LOG.info("Redis L2 at {}", connector.maskedUrl());
        } else {
            LOG.warn("Redis at {} does not answer at start-up: reads go L1 -> engine and /health says DEGRADED "
                    + "until it does; it is used as soon as it answers", connector.maskedUrl());
        }
        RedisSharedTier redisTier = new RedisSharedTier(connector.client(), config.keyFormat(),
                RedisSharedTier.DEFAULT_VERSION_TTL, config.resilience().redisReplicaAcks());
        CircuitBreakingSharedTier tier = new CircuitBreakingSharedTier(redisTier, connector::ping,
                RedisBreakerSettings.openFor(config.resilience().redisBreakerOpen()), connector.maskedUrl());
        RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(connector, config.keyFormat(),
                config.instanceId());
        return new SharedSide(tier, broadcast, new RedisAppliedEvents(connector.client(), config.keyFormat()),
                new RedisTierHealthCheck(new RedisHealthCheck(connector), tier), Optional.of(connector),
                Optional.of(broadcast), Optional.of(tier), redisTier::unreplicatedBumps);
    }

    private static SharedSide localOnly(String detail) {
        DependencyHealth state = DependencyHealth.degraded("redis", detail);
        return new SharedSide(new NoSharedTier(), message -> { }, new RecentAppliedEvents(100_000), () -> state,
                Optional.empty(), Optional.empty(), Optional.empty(), () -> 0);
    }

    public SharedCacheTier tier() {
        return tier;
    }

    public InvalidationBroadcast broadcast() {
        return broadcast;
    }

    public AppliedEvents appliedEvents() {
        return appliedEvents;
    }

    public DependencyCheck health() {
        return health;
    }

    public Optional<RedisConnector> connector() {
        return connector;
    }

    Optional<RedisInvalidationBroadcast> subscriber() {
        return subscriber;
    }

    /** The circuit breaker around L2, when this instance has Redis. */
    /** Version bumps fewer replicas confirmed than {@code DASHCACHE_REDIS_REPLICA_ACKS} asks, since start. */
    public long unreplicatedBumps() {
        return unreplicatedBumps.getAsLong();
    }

    public Optional<CircuitBreakingSharedTier> breaker() {
        return breaker;
    }

    @Override
    public void close() {
        subscriber.ifPresent(RedisInvalidationBroadcast::close);
        connector.ifPresent(RedisConnector::close);
    }
}
