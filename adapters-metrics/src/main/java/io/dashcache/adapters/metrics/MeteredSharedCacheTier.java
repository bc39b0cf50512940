package io.dashcache.adapters.metrics;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EntryKey;
import io.dashcache.domain.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times every call to the shared tier (Redis): {@code dashcache_redis_command_duration_seconds}
 * with {@code operation} ({@code read}, {@code write}, {@code bump_versions}, {@code delete_type},
 * {@code delete_everything}) and {@code result} ({@code success}, {@code error}); the errors are
 * the {@code result="error"} series' {@code _count}. Each call is one round trip (a read is one
 * {@code MGET}, a write one Lua script) except the operator's deletes, which walk the keys.
 *
 * <pre>{@code
 * SharedCacheTier tier = new MeteredSharedCacheTier(new RedisSharedTier(...), metrics.registry());
 * }</pre>
 */
public final class MeteredSharedCacheTier implements SharedCacheTier {

    private final SharedCacheTier delegate;
    private final Operation read;
    private final Operation write;
    private final Operation bumpVersions;
    private final Operation deleteType;
    private final Operation deleteEverything;

    public MeteredSharedCacheTier(SharedCacheTier delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.read = new Operation(registry, "read");
        this.write = new Operation(registry, "write");
        this.bumpVersions = new Operation(registry, "bump_versions");
        this.deleteType = new Operation(registry, "delete_type");
        this.deleteEverything = new Operation(registry, "delete_everything");
    }

    @Override
    public SharedRead read(EntryKey key) {
        return read.time(() -> delegate.read(key));
    }

    /** Timed as one read: it is one round trip (per hash slot). */
    @Override
    public List<SharedRead> readAll(List<? extends EntryKey> keys) {
        return read.time(() -> delegate.readAll(keys));
    }

    @Override
    public boolean writeIfVersion(EntryKey key, CacheEntry entry, Duration ttl) {
        return write.time(() -> delegate.writeIfVersion(key, entry, ttl));
    }

    /** No I/O: the delegate's answer, whatever the circuit's state. */
    @Override
    public long storedBytes(CacheEntry entry) {
        return delegate.storedBytes(entry);
    }

    /** No I/O, not timed. */
    @Override
    public boolean reachable(Collection<? extends Scope> scopes) {
        return delegate.reachable(scopes);
    }

    @Override
    public Map<Scope, Long> bumpVersions(Collection<? extends Scope> scopes) {
        return bumpVersions.time(() -> delegate.bumpVersions(scopes));
    }

    @Override
    public boolean bumpVersionsAndBroadcast(Collection<? extends Scope> scopes, InvalidationMessage message) {
        return bumpVersions.time(() -> delegate.bumpVersionsAndBroadcast(scopes, message));
    }

    @Override
    public long deleteType(DataType type) {
        return deleteType.time(() -> delegate.deleteType(type));
    }

    @Override
    public long deleteEverything() {
        return deleteEverything.time(delegate::deleteEverything);
    }

    /** One operation's two timers. */
    private static final class Operation {

        private final Timer success;
        private final Timer error;

        Operation(MeterRegistry registry, String name) {
            this.success = timer(registry, name, "success");
            this.error = timer(registry, name, "error");
        }

        private static Timer timer(MeterRegistry registry, String operation, String result) {
            return Timer.builder("dashcache.redis.command.duration")
                    .description("Calls to the shared tier (Redis), by operation and result")
                    .tags("operation", operation, "result", result)
                    .serviceLevelObjectives(LatencyBuckets.SERVICE_LEVELS)
                    .register(registry);
        }

        <T> T time(Supplier<T> call) {
            long started = System.nanoTime();
            try {
                T answer = call.get();
                success.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return answer;
            } catch (RuntimeException e) {
                error.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                throw e;
            }
        }
    }
}
