package io.dashcache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class PrivateRedisServerTest {

    @Test
    void a_private_server_answers_dies_and_comes_back_empty_on_the_same_port() {
        try (PrivateRedisServer redis = PrivateRedisServer.start()) {
            int port = redis.port();
            try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
                client.set("k", "v");
                assertThat(client.get("k")).isEqualTo("v");
            }

            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
                assertThatThrownBy(client::ping).isInstanceOf(RuntimeException.class);
            }

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
                assertThat(client.get("k")).isNull();
            }
        }
    }

    @Test
    void the_command_log_sees_every_command_with_its_arguments_unescaped() {
        try (PrivateRedisServer redis = PrivateRedisServer.start();
             RedisCommandLog log = RedisCommandLog.attach(redis.url());
             RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            client.set("a key\n\"quoted\"", "v\u0001");

            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(log.commands())
                    .contains(List.of("SET", "a key\n\"quoted\"", "v\u0001")));
            assertThat(log.unparsed()).isEmpty();
        }
    }

    @Test
    void a_monitor_line_parses_into_its_arguments() {
        assertThat(RedisCommandLog.parse("1700000000.123456 [0 127.0.0.1:5555] \"SET\" \"k\\\\1\" \"\\xdc\\x01\""))
                .containsExactly("SET", "k\\1", "\u00dc\u0001");
        assertThat(RedisCommandLog.parse("garbage")).isNull();
    }
}
