package io.dashcache.adapters.spring.cache;

import io.dashcache.embedded.NamedCache;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * One Spring {@link org.springframework.cache.Cache} on a dashcache {@link NamedCache}, so
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} get the engine's guarantees: both
 * tiers, one load per key across instances, and evictions, puts and clears that refuse every load
 * begun before them, on every instance. {@code @Cacheable} on a method returning a
 * {@code CompletableFuture} reads through {@link #retrieve}. Keys become strings with
 * {@code String.valueOf} (Spring's {@code SimpleKey} and the usual key types print stably), which
 * dashcache hashes before they reach Redis. Stored bytes start with one marker byte: {@code 'v'}
 * and the serialized value, or {@code 'n'} for a cached {@code null}.
 */
final class DashcacheSpringCache extends AbstractValueAdaptingCache {

    private static final byte VALUE = 'v';
    private static final byte NULL = 'n';

    private final NamedCache cache;
    private final ValueSerializer serializer;
    /**
     * The last miss of this thread in this cache: Spring's {@code @Cacheable} without {@code sync} looks up,
     * calls the method and puts, and that put must not store what the method read before an eviction that
     * came meanwhile. A put that follows the miss of its key is therefore the load's compare-and-set.
     */
    private final ThreadLocal<NamedCache.Lookup> lastMiss = new ThreadLocal<>();

    DashcacheSpringCache(NamedCache cache, ValueSerializer serializer, boolean allowNullValues) {
        super(allowNullValues);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    @Override
    public String getName() {
        return cache.name();
    }

    @Override
    public NamedCache getNativeCache() {
        return cache;
    }

    @Override
    protected Object lookup(Object key) {
        NamedCache.Lookup seen = cache.lookup(text(key));
        if (seen.value().isPresent()) {
            lastMiss.remove();
            return decode(seen.value().get());
        }
        lastMiss.set(seen);
        return null;
    }


    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        byte[] stored;
        try {
            stored = cache.get(text(key), () -> encode(toStoreValue(call(key, valueLoader))));
        } catch (LoaderFailed e) {
            throw new ValueRetrievalException(key, valueLoader, e.getCause());
        }
        return (T) fromStoreValue(decode(stored));
    }

    /** Spring's async read ({@code @Cacheable} on a {@code CompletableFuture} method): {@code null} on a miss. */
    @Override
    public CompletableFuture<?> retrieve(Object key) {
        Object stored = lookup(key);
        if (stored == null) {
            return null;
        }
        return CompletableFuture.completedFuture(isAllowNullValues() ? toValueWrapper(stored) : fromStoreValue(stored));
    }

    /** Spring's async read-through: the loader's future is joined on the named cache's executor, once per key. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        return cache.getAsync(text(key), () -> encode(toStoreValue(join(valueLoader.get()))))
                .thenApply(stored -> (T) fromStoreValue(decode(stored)));
    }

    private static Object join(CompletableFuture<?> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** After a miss of the same key on this thread, the store of what was loaded since; otherwise a write. */
    @Override
    public void put(Object key, Object value) {
        String text = text(key);
        byte[] stored = encode(toStoreValue(value));
        NamedCache.Lookup miss = lastMiss.get();
        lastMiss.remove();
        if (miss != null && miss.key().equals(text)) {
            cache.putIfUnchanged(miss, stored);
        } else {
            cache.put(text, stored);
        }
    }

    @Override
    public void evict(Object key) {
        lastMiss.remove();
        cache.evict(text(key));
    }

    @Override
    public void clear() {
        lastMiss.remove();
        cache.clear();
    }

    private static <T> T call(Object key, Callable<T> loader) {
        try {
            return loader.call();
        } catch (Exception e) {
            throw new LoaderFailed(e);
        }
    }

    private byte[] encode(Object storeValue) {
        // any NullValue, not only the singleton: one made by deserialization or reflection means null too
        if (storeValue instanceof NullValue) {
            return new byte[] {NULL};
        }
        byte[] body = serializer.serialize(storeValue);
        byte[] out = new byte[body.length + 1];
        out[0] = VALUE;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Whether stored bytes are this adapter's cached {@code null}. */
    static boolean isCachedNull(byte[] stored) {
        return stored.length == 1 && stored[0] == NULL;
    }

    private Object decode(byte[] stored) {
        if (isCachedNull(stored)) {
            return NullValue.INSTANCE;
        }
        if (stored.length == 0 || stored[0] != VALUE) {
            throw new IllegalStateException("cache " + getName() + " holds bytes it did not write");
        }
        return serializer.deserialize(Arrays.copyOfRange(stored, 1, stored.length));
    }

    private static String text(Object key) {
        return String.valueOf(Objects.requireNonNull(key, "a cache key"));
    }

    /** Carries a loader's checked exception out of the named cache's loader. */
    private static final class LoaderFailed extends RuntimeException {

        LoaderFailed(Exception cause) {
            super(cause);
        }
    }
}
