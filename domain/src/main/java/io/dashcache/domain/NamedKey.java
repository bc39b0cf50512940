package io.dashcache.domain;

import java.util.List;

/**
 * One entry of an application's named cache: the cache's name and the application's key, any
 * text. Guarded by two scopes: the whole cache ({@code clear}) and the entry itself ({@code evict},
 * {@code put}). Its {@link #cache()} is {@code app.<name>}, so a named cache never shares its metrics
 * with a dashboard data type of the same name.
 */
public final class NamedKey implements EntryKey {

    private final String cacheName;
    private final String key;
    private final String cache;
    private final int hash;

    public NamedKey(String cacheName, String key) {
        this(KeyFormat.requireCacheName(cacheName), "app." + cacheName, key);
    }

    private NamedKey(String cacheName, String cache, String key) {
        if (key == null) {
            throw new InvalidInputException("key", "a named cache's key is required");
        }
        this.cacheName = cacheName;
        this.key = key;
        this.cache = cache;
        this.hash = 31 * cacheName.hashCode() + key.hashCode();
    }

    /** The keys of one named cache, its name checked once: a read makes its key without a regex or a concat. */
    public static Keys of(String cacheName) {
        return new Keys(KeyFormat.requireCacheName(cacheName));
    }

    public static final class Keys {

        private final String cacheName;
        private final String cache;

        private Keys(String cacheName) {
            this.cacheName = cacheName;
            this.cache = "app." + cacheName;
        }

        public NamedKey key(String key) {
            return new NamedKey(cacheName, cache, key);
        }
    }

    /** The named cache's name, as the application gave it. */
    public String cacheName() {
        return cacheName;
    }

    /** The application's key. */
    public String key() {
        return key;
    }

    @Override
    public String cache() {
        return cache;
    }

    @Override
    public List<Scope> scopes() {
        return List.of(new NamedCacheScope(cacheName), entryScope());
    }

    public NamedEntryScope entryScope() {
        return new NamedEntryScope(cacheName, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamedKey that && hash == that.hash && cacheName.equals(that.cacheName)
                && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return cache + "[" + InvalidInputException.excerpt(key) + "]";
    }
}
