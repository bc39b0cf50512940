package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.out.invalidation.AppliedEvents;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.KeyFormat;
import io.dashcache.testsupport.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisAppliedEventsTest {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final KeyFormat keys = KeyFormat.standalone(prefix);
    private final AppliedEvents events = new RedisAppliedEvents(TestRedis.connector().client(), keys);

    @AfterEach
    void deleteKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void an_event_is_not_applied_until_marked() {
        assertThat(events.isApplied("e-123")).isFalse();

        events.markApplied("e-123");

        assertThat(events.isApplied("e-123")).isTrue();
        assertThat(events.isApplied("e-124")).isFalse();
    }

    @Test
    void marking_twice_is_harmless() {
        events.markApplied("batch:7");
        events.markApplied("batch:7");

        assertThat(events.isApplied("batch:7")).isTrue();
    }

    @Test
    void a_marker_lives_for_the_retention_under_the_prefix() {
        new RedisAppliedEvents(TestRedis.connector().client(), keys, Duration.ofMinutes(10)).markApplied("e-1");

        try (Jedis redis = TestRedis.admin()) {
            assertThat(redis.ttl(prefix + ":event:e-1")).isBetween(590L, 600L);
        }
    }

    @Test
    void another_prefix_has_its_own_memory() {
        events.markApplied("e-9");

        AppliedEvents other = new RedisAppliedEvents(TestRedis.connector().client(),
                KeyFormat.standalone(RedisTestServer.uniquePrefix()));

        assertThat(other.isApplied("e-9")).isFalse();
    }

    @Test
    void an_unreachable_redis_fails_as_an_unavailable_tier() {
        try (RedisConnector dead = new RedisConnector(RedisSettings.of("redis://127.0.0.1:" + TestRedis.freePort()))) {
            AppliedEvents unreachable = new RedisAppliedEvents(dead.client(), keys);

            assertThatThrownBy(() -> unreachable.isApplied("e-1"))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("event e-1");
        }
    }
}
