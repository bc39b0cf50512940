package io.dashcache.application.port.out;

import java.time.Duration;

/**
 * L2 for applications' named caches (string keys, byte values): each named cache has one version
 * counter, and an entry is valid only while its cache is at the version it was stored under. Every
 * method may throw {@link CacheTierUnavailableException}; callers degrade to their local tier and
 * their loader.
 */
public interface NamedValueStore {

    /** The entry (when stored under the current version) and the cache's version, in one round trip. */
    NamedRead read(String cacheName, String key);

    /** Stores {@code value} only if the cache is still at {@code version}: a load overtaken by a clear stores nothing. */
    boolean writeIfVersion(String cacheName, String key, byte[] value, long version, Duration ttl);

    /** Stores {@code value} under the cache's current version, whatever it is (an explicit put). */
    void put(String cacheName, String key, byte[] value, Duration ttl);

    void delete(String cacheName, String key);

    /** Increments the cache's version: every entry stored before is dead at once, in O(1). */
    long bumpVersion(String cacheName);

    /** @param value the stored bytes when valid for {@code version}, else {@code null} */
    record NamedRead(byte[] value, long version) {
    }

    /** No shared tier (L1-only): nothing is ever found, writes are accepted and dropped. */
    NamedValueStore NONE = new NamedValueStore() {
        @Override
        public NamedRead read(String cacheName, String key) {
            return new NamedRead(null, 0);
        }

        @Override
        public boolean writeIfVersion(String cacheName, String key, byte[] value, long version, Duration ttl) {
            return true;
        }

        @Override
        public void put(String cacheName, String key, byte[] value, Duration ttl) {
        }

        @Override
        public void delete(String cacheName, String key) {
        }

        @Override
        public long bumpVersion(String cacheName) {
            return 0;
        }
    };
}
