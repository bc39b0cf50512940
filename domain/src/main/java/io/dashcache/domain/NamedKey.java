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
        this.cacheName = KeyFormat.requireCacheName(cacheName);
        if (key == null) {
            throw new InvalidInputException("key", "a named cache's key is required");
        }
        this.key = key;
        this.cache = "app." + cacheName;
        this.hash = 31 * cacheName.hashCode() + key.hashCode();
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
