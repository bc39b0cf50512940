/**
 * The caches dashcache is measured beside (issue 14), each behind {@link io.dashcache.benchmarks.peers.PeerCache}:
 * bare Caffeine, JetCache's two-level cache on its own relocated Jedis 5, and Redisson's
 * {@code RLocalCachedMap}. Built only with the Maven profile {@code benchmarks}.
 */
package io.dashcache.benchmarks.peers;
