/**
 * How fast dashcache is, measured beside what a team would use instead: JMH benchmarks of the
 * in-process read path (L1 hit, L2 hit, key building, the envelope) next to a bare Jedis GET, a
 * plain cache-aside on Jedis and Spring's {@code RedisCacheManager}; the HTTP load harness
 * ({@link io.dashcache.benchmarks.LoadHarness}: a Zipf workload at a fixed rate, with and without
 * L1); the invalidation propagation measurement ({@link io.dashcache.benchmarks.PropagationHarness});
 * and the same measurement beside 10k, 100k and 1M cached keys, with Redis bytes per key
 * ({@link io.dashcache.benchmarks.ScaleHarness}).
 * Built only with the Maven profile {@code benchmarks}; never on the test path. Every Redis key is
 * spelled by {@link io.dashcache.domain.KeyFormat} under a fresh prefix, removed at the end.
 */
package io.dashcache.benchmarks;
