package io.dashcache.embedded;

import java.time.Duration;

/** How every named cache of a client keeps its entries: TTL in Redis, and its L1's bound and TTL. */
record NamedCacheSettings(Duration ttl, long l1MaxBytes, Duration l1Ttl) {
}
