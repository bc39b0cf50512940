/**
 * Test helpers shared by every module's tests; never on the runtime classpath:
 * {@link io.dashcache.testsupport.RedisTestServer} (the shared Redis), and for fault tests
 * {@link io.dashcache.testsupport.PrivateRedisServer} (a redis-server of a test's own to kill,
 * freeze, restart, or run with ACL users and TLS), {@link io.dashcache.testsupport.LocalRedisCluster} (a real
 * Redis Cluster whose primaries a test may kill to see a replica take over),
 * {@link io.dashcache.testsupport.LocalRedisSentinel} (a primary, its replica and three sentinels that fail
 * over when the primary is killed) and {@link io.dashcache.testsupport.RedisCommandLog}
 * (every command a server receives, through MONITOR); {@link io.dashcache.testsupport.EventStreamClient},
 * a Server-Sent Events client that hands out events and comments as they arrive.
 */
package io.dashcache.testsupport;
