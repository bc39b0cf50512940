/**
 * Test helpers shared by every module's tests; never on the runtime classpath:
 * {@link io.dashcache.testsupport.RedisTestServer} (the shared Redis), and for fault tests
 * {@link io.dashcache.testsupport.PrivateRedisServer} (a redis-server of a test's own to kill,
 * freeze, restart, or run with ACL users and TLS) and {@link io.dashcache.testsupport.RedisCommandLog}
 * (every command a server receives, through MONITOR); {@link io.dashcache.testsupport.EventStreamClient},
 * a Server-Sent Events client that hands out events and comments as they arrive.
 */
package io.dashcache.testsupport;
