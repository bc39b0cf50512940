package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.port.out.reading.CacheTierUnavailableException;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

class RedisInvalidationBroadcastTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final InvalidationMessage ALICE_CHANGED = InvalidationMessage.ofScopes("web-1",
            Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("alice")), Scope.global(DataType.ANALYTICS)));

    private final KeyFormat keys = KeyFormat.standalone(RedisTestServer.uniquePrefix());
    private final List<RedisInvalidationBroadcast> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(RedisInvalidationBroadcast::close);
    }

    private RedisInvalidationBroadcast subscribed(KeyFormat format, RecordingInvalidations listener) {
        RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(TestRedis.connector(), format, "test");
        started.add(broadcast);
        broadcast.start(listener);
        await().atMost(WITHIN).until(broadcast::isSubscribed);
        return broadcast;
    }

    @Test
    void every_subscriber_of_the_prefix_receives_a_published_message() {
        RecordingInvalidations first = new RecordingInvalidations();
        RecordingInvalidations second = new RecordingInvalidations();
        RedisInvalidationBroadcast publisher = subscribed(keys, first);
        subscribed(keys, second);

        publisher.publish(ALICE_CHANGED);

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(first.messages).containsExactly(ALICE_CHANGED);
            assertThat(second.messages).containsExactly(ALICE_CHANGED);
        });
    }

    @Test
    void a_subscriber_of_another_prefix_receives_nothing() {
        RecordingInvalidations mine = new RecordingInvalidations();
        RecordingInvalidations others = new RecordingInvalidations();
        KeyFormat otherKeys = KeyFormat.standalone(RedisTestServer.uniquePrefix());
        RedisInvalidationBroadcast publisher = subscribed(keys, mine);
        RedisInvalidationBroadcast otherPublisher = subscribed(otherKeys, others);
        InvalidationMessage theirs = InvalidationMessage.ofEverything("web-9");

        publisher.publish(ALICE_CHANGED);
        otherPublisher.publish(theirs);

        // published after ours, so once theirs arrives ours would have arrived too
        await().atMost(WITHIN).untilAsserted(() -> assertThat(others.messages).contains(theirs));
        assertThat(others.messages).containsExactly(theirs);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(mine.messages).containsExactly(ALICE_CHANGED));
    }

    @Test
    void a_message_that_does_not_parse_is_ignored_and_later_ones_arrive() {
        RecordingInvalidations listener = new RecordingInvalidations();
        RedisInvalidationBroadcast broadcast = subscribed(keys, listener);

        TestRedis.connector().client().publish(keys.name("invalidations"), "dashcache-invalidation/1\nweb-1\nbogus:user:1");
        TestRedis.connector().client().publish(keys.name("invalidations"), "something else entirely");
        broadcast.publish(ALICE_CHANGED);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(listener.messages).contains(ALICE_CHANGED));
        assertThat(listener.messages).containsExactly(ALICE_CHANGED);
        assertThat(broadcast.isSubscribed()).isTrue();
    }

    @Test
    void after_its_connection_is_killed_the_subscriber_comes_back_reports_it_and_receives_again() {
        RecordingInvalidations listener = new RecordingInvalidations();
        RedisInvalidationBroadcast broadcast = subscribed(keys, listener);
        assertThat(listener.restored).hasValue(0);

        try (Jedis admin = TestRedis.admin()) {
            long killed = admin.clientKill(ClientKillParams.clientKillParams().id(clientId(admin, broadcast)));
            assertThat(killed).isEqualTo(1);
        }

        await().atMost(WITHIN).untilAsserted(() -> assertThat(listener.restored).hasValue(1));
        await().atMost(WITHIN).until(broadcast::isSubscribed);
        broadcast.publish(ALICE_CHANGED);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(listener.messages).containsExactly(ALICE_CHANGED));
    }

    @Test
    void a_failing_listener_does_not_end_the_subscription() {
        RecordingInvalidations listener = new RecordingInvalidations();
        listener.failNext.set(1);
        RedisInvalidationBroadcast broadcast = subscribed(keys, listener);

        broadcast.publish(InvalidationMessage.ofEverything("web-1"));
        broadcast.publish(ALICE_CHANGED);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(listener.messages).containsExactly(ALICE_CHANGED));
    }

    @Test
    void close_ends_the_subscription_and_its_connection() {
        RedisInvalidationBroadcast broadcast = subscribed(keys, new RecordingInvalidations());

        broadcast.close();

        assertThat(broadcast.isSubscribed()).isFalse();
        try (Jedis admin = TestRedis.admin()) {
            await().atMost(WITHIN).untilAsserted(() ->
                    assertThat(admin.clientList()).doesNotContain("name=" + broadcast.subscriberClientName() + " "));
        }
    }

    @Test
    void the_subscriber_connection_is_named_for_its_prefix_and_instance() {
        RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(TestRedis.connector(), keys, "web 1/eu");

        assertThat(broadcast.subscriberClientName()).startsWith("dashcache-sub-" + keys.prefix() + "-web_1_eu-")
                .matches("[A-Za-z0-9._-]+");
    }

    @Test
    void a_subscriber_started_while_redis_is_down_keeps_trying_and_closes_promptly_and_a_publish_fails_loudly() {
        try (RedisConnector dead = new RedisConnector(RedisSettings.of("redis://127.0.0.1:" + TestRedis.freePort()))) {
            RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(dead, keys, "test");
            RecordingInvalidations listener = new RecordingInvalidations();
            broadcast.start(listener);
            assertThatThrownBy(() -> broadcast.publish(ALICE_CHANGED))
                    .isInstanceOf(CacheTierUnavailableException.class)
                    .hasMessageContaining("publish of an invalidation");

            long start = System.nanoTime();
            broadcast.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(broadcast.isSubscribed()).isFalse();
            assertThat(listener.messages).isEmpty();
        }
    }

    @Test
    void an_idle_subscription_is_kept_alive_by_its_heartbeat() {
        RecordingInvalidations listener = new RecordingInvalidations();
        RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(TestRedis.connector(), keys, "test",
                Duration.ofMillis(100));
        started.add(broadcast);
        broadcast.start(listener);
        await().atMost(WITHIN).until(broadcast::isSubscribed);

        // three silent heartbeats (300 ms) would end it; a second of no messages must not
        await().during(Duration.ofSeconds(1)).atMost(WITHIN)
                .until(() -> broadcast.isSubscribed() && listener.restored.get() == 0);
    }

    @Test
    void a_connection_gone_silent_is_noticed_by_the_heartbeat_and_replaced() throws Exception {
        URI server = URI.create(RedisTestServer.url());
        try (FreezableProxy proxy = new FreezableProxy(server.getHost(), server.getPort());
             RedisConnector viaProxy = new RedisConnector(RedisSettings.of(new URI(server.getScheme(),
                     server.getUserInfo(), "127.0.0.1", proxy.port(), server.getPath(), null, null).toString()))) {
            RecordingInvalidations listener = new RecordingInvalidations();
            RedisInvalidationBroadcast broadcast = new RedisInvalidationBroadcast(viaProxy, keys, "test",
                    Duration.ofMillis(100));
            started.add(broadcast);
            broadcast.start(listener);
            await().atMost(WITHIN).until(broadcast::isSubscribed);

            proxy.freeze();
            await().atMost(WITHIN).until(() -> !broadcast.isSubscribed());
            proxy.thaw();

            await().atMost(WITHIN).untilAsserted(() -> assertThat(listener.restored).hasValue(1));
            await().atMost(WITHIN).until(broadcast::isSubscribed);
            new RedisInvalidationBroadcast(TestRedis.connector(), keys, "web-1").publish(ALICE_CHANGED);
            await().atMost(WITHIN).untilAsserted(() -> assertThat(listener.messages).containsExactly(ALICE_CHANGED));
            broadcast.close();
        }
    }

    private static String clientId(Jedis admin, RedisInvalidationBroadcast broadcast) {
        String name = " name=" + broadcast.subscriberClientName() + " ";
        return admin.clientList().lines()
                .filter(line -> line.contains(name))
                .map(line -> line.substring("id=".length(), line.indexOf(' ')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no client named " + broadcast.subscriberClientName()));
    }
}
