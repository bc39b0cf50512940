package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.application.port.out.reading.SharedCacheTier.SharedRead;
import io.dashcache.application.port.out.reading.SharedCacheTier;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.LocalRedisSentinel;
import io.dashcache.testsupport.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The connector on a real Sentinel setup (a primary, its replica, three sentinels): commands and the
 * subscriber go to the primary the sentinels name, and after they promote the replica the same
 * connector follows. One setup for the class; only the failover test kills, and the others work on
 * whichever primary is current.
 */
class RedisSentinelConnectorTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration FAILOVER = Duration.ofSeconds(30);
    private static final CacheKey ALICE_OVERVIEW = CacheKey.forUser(DataType.OVERVIEW, UserId.of("alice"));

    private static LocalRedisSentinel sentinel;

    private final KeyFormat keys = KeyFormat.standalone(RedisTestServer.uniquePrefix());
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void start_sentinels() {
        sentinel = LocalRedisSentinel.start("dashcache-test");
    }

    @AfterAll
    static void stop_sentinels() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void a_value_written_through_the_connector_lands_on_the_primary_and_reads_back() {
        RedisConnector connector = open(new RedisConnector(RedisSettings.of(sentinel.url())));
        SharedCacheTier tier = tierOn(connector);
        CacheEntry written = entry("{\"via\":\"sentinel\"}", 0);

        assertThat(connector.topology()).isEqualTo(RedisTopology.SENTINEL);
        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, written, TTL)).isTrue();

        assertThat(tier.read(ALICE_OVERVIEW)).isEqualTo(new SharedRead(written, 0));
        try (Jedis primary = Loopback.connect(sentinel.primaryPort())) {
            assertThat(primary.exists(keys.valueKey(ALICE_OVERVIEW))).isTrue();
        }
        assertThat(connector.ping()).isTrue();
    }

    @Test
    void a_broadcast_is_heard_by_a_subscriber_that_sits_on_the_primary() {
        RedisConnector connector = open(new RedisConnector(RedisSettings.of(sentinel.url())));
        RecordingInvalidations heard = new RecordingInvalidations();
        RedisInvalidationBroadcast broadcast = subscribed(connector, heard);
        InvalidationMessage message = InvalidationMessage.ofEverything("web-1");

        broadcast.publish(message);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(heard.messages).containsExactly(message));
        assertThat(Loopback.serverWithClient(List.of(sentinel.primaryPort()), broadcast.subscriberClientName()))
                .hasValue(sentinel.primaryPort());
    }

    @Test
    void after_the_primary_is_killed_the_same_connector_writes_reads_and_hears_broadcasts_on_the_new_primary() {
        RedisConnector connector = open(new RedisConnector(RedisSettings.of(sentinel.url())));
        SharedCacheTier tier = tierOn(connector);
        RecordingInvalidations heard = new RecordingInvalidations();
        RedisInvalidationBroadcast broadcast = subscribed(connector, heard);
        assertThat(tier.writeIfVersion(ALICE_OVERVIEW, entry("{\"before\":true}", 0), TTL)).isTrue();
        int before = sentinel.primaryPort();

        sentinel.killPrimary();
        sentinel.awaitFailover(FAILOVER);

        int after = sentinel.primaryPort();
        assertThat(after).isNotEqualTo(before);
        CacheEntry written = entry("{\"after\":true}", 0);
        await().atMost(FAILOVER).ignoreExceptions().untilAsserted(() -> {
            assertThat(tier.writeIfVersion(ALICE_OVERVIEW, written, TTL)).isTrue();
            assertThat(tier.read(ALICE_OVERVIEW)).isEqualTo(new SharedRead(written, 0));
        });
        try (Jedis primary = Loopback.connect(after)) {
            assertThat(primary.exists(keys.valueKey(ALICE_OVERVIEW))).as("the value on the new primary").isTrue();
        }
        await().atMost(FAILOVER).untilAsserted(() -> assertThat(heard.restored.get()).isPositive());
        await().atMost(FAILOVER).until(broadcast::isSubscribed);
        assertThat(Loopback.serverWithClient(List.of(after), broadcast.subscriberClientName())).hasValue(after);
        InvalidationMessage message = InvalidationMessage.ofScopes("web-2", Set.of(ALICE_OVERVIEW.scope()));
        broadcast.publish(message);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(heard.messages).containsExactly(message));
        assertThat(connector.ping()).isTrue();
    }

    @Test
    void a_connector_whose_sentinels_do_not_answer_starts_says_down_and_fails_commands_fast() {
        String url = "redis-sentinel://127.0.0.1:" + TestRedis.freePort() + ",127.0.0.1:" + TestRedis.freePort()
                + "/dashcache-test";

        RedisConnector connector = open(new RedisConnector(RedisSettings.of(url)));

        // generous for a loaded machine; a command that waited on a Sentinel forever would never return
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(connector.ping()).isFalse();
            assertThat(connector.pingProblem()).contains("dashcache-test");
            SharedCacheTier tier = tierOn(connector);
            assertThatThrownBy(() -> tier.read(ALICE_OVERVIEW)).isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("read of overview:user:alice");
            assertThatThrownBy(() -> connector.client().get("anything")).isInstanceOf(JedisException.class);
            RedisInvalidationBroadcast broadcast = open(new RedisInvalidationBroadcast(connector, keys, "web-1"));
            broadcast.start(new RecordingInvalidations());
            broadcast.close();
            assertThat(broadcast.isSubscribed()).isFalse();
        });
    }

    private SharedCacheTier tierOn(RedisConnector connector) {
        return new RedisSharedTier(connector.client(), keys, RedisSharedTier.DEFAULT_VERSION_TTL,
                ReplicaAcks.defaultFor(connector.topology()));
    }

    private RedisInvalidationBroadcast subscribed(RedisConnector connector, RecordingInvalidations listener) {
        RedisInvalidationBroadcast broadcast = open(new RedisInvalidationBroadcast(connector, keys, "web-1",
                Duration.ofMillis(500)));
        broadcast.start(listener);
        await().atMost(WITHIN).until(broadcast::isSubscribed);
        return broadcast;
    }

    private static CacheEntry entry(String json, long scopeVersion) {
        return CacheEntry.loaded(json.getBytes(StandardCharsets.UTF_8), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                TTL, Duration.ofSeconds(15), scopeVersion);
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
