package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @Test
    void with_nothing_set_every_default_of_the_contract_applies() {
        DashcacheConfig config = ConfigLoader.load(Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.redisUrl()).contains("redis://127.0.0.1:6379");
        assertThat(config.keyFormat()).isEqualTo(KeyFormat.standalone("dash"));
        assertThat(config.keyPrefix()).isEqualTo("dash");
        assertThat(config.engineUrl()).isEmpty();
        assertThat(config.eventsStream()).isEqualTo("dash:events");
        assertThat(config.l1MaxBytes()).isEqualTo(268_435_456L);
        for (DataType type : DataType.values()) {
            assertThat(config.ttls().ttl(type)).isEqualTo(type.defaultTtl());
        }
        assertThat(config.instanceId()).matches("[A-Za-z0-9._-]{1,64}");
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.resilience()).isEqualTo(new ResilienceConfig(Duration.ofSeconds(5), 16, Duration.ofMillis(100),
                ReplicaAcks.none(), 10_000));
        assertThat(config.auth().jwt()).isFalse();
        assertThat(config.eventConsumer()).isEqualTo(new EventConsumerConfig(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    @Test
    void the_event_consumer_s_heartbeat_and_liveness_are_read_and_the_liveness_must_span_two_beats() {
        DashcacheConfig config = ConfigLoader.load(Map.of("DASHCACHE_EVENTS_HEARTBEAT_MS", "500",
                "DASHCACHE_EVENTS_LIVENESS_MS", "2000"));

        assertThat(config.eventConsumer()).isEqualTo(new EventConsumerConfig(Duration.ofMillis(500), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_EVENTS_HEARTBEAT_MS", "3000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DASHCACHE_EVENTS_LIVENESS_MS must be at least twice DASHCACHE_EVENTS_HEARTBEAT_MS (3000), "
                        + "got '5000'");
    }

    @Test
    void jwt_mode_reads_the_secret_the_jwks_url_and_the_clock_skew_and_never_prints_the_secret() {
        DashcacheConfig config = ConfigLoader.load(Map.of("DASHCACHE_AUTH", "jwt",
                "DASHCACHE_JWT_SECRET", "a-secret-of-more-than-thirty-two-bytes",
                "DASHCACHE_JWKS_URL", "https://idp.example/.well-known/jwks.json",
                "DASHCACHE_JWT_CLOCK_SKEW_SECONDS", "10"));

        assertThat(config.auth().jwt()).isTrue();
        assertThat(config.auth().jwtSecret()).contains("a-secret-of-more-than-thirty-two-bytes");
        assertThat(config.auth().jwksUrl()).contains(URI.create("https://idp.example/.well-known/jwks.json"));
        assertThat(config.auth().clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.toString()).doesNotContain("thirty-two").contains("***");
    }

    @Test
    void a_short_jwt_secret_is_one_line_that_does_not_repeat_it() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_AUTH", "jwt", "DASHCACHE_JWT_SECRET", "hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DASHCACHE_JWT_SECRET must be at least 32 bytes")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_webhook_secret_and_a_metrics_token_are_read_in_either_mode_and_never_printed() {
        DashcacheConfig none = ConfigLoader.load(Map.of("DASHCACHE_WEBHOOK_SECRET", "a-webhook-secret-of-32-bytes-or-more",
                "DASHCACHE_METRICS_TOKEN", "a-scrape-token-16+"));
        DashcacheConfig jwt = ConfigLoader.load(Map.of("DASHCACHE_AUTH", "jwt",
                "DASHCACHE_JWT_SECRET", "a-secret-of-more-than-thirty-two-bytes",
                "DASHCACHE_WEBHOOK_SECRET", "a-webhook-secret-of-32-bytes-or-more"));

        assertThat(none.auth().webhookSecret()).contains("a-webhook-secret-of-32-bytes-or-more");
        assertThat(none.auth().metricsToken()).contains("a-scrape-token-16+");
        assertThat(jwt.auth().webhookSecret()).contains("a-webhook-secret-of-32-bytes-or-more");
        assertThat(jwt.auth().metricsToken()).isEmpty();
        assertThat(none.toString()).doesNotContain("webhook-secret-of").doesNotContain("scrape-token");
        assertThat(ConfigLoader.load(Map.of()).auth().webhookSecret()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DASHCACHE_WEBHOOK_SECRET|hunter2-hunter2|at least 32 bytes",
            "DASHCACHE_WEBHOOK_SECRET|' a-webhook-secret-of-32-bytes-or-more'|leading or trailing blanks",
            "DASHCACHE_METRICS_TOKEN|hunter2-hunter2|at least 16 bytes"})
    void a_bad_webhook_secret_or_metrics_token_is_one_line_that_names_it_and_does_not_repeat_it(String name,
                                                                                                String value,
                                                                                                String rule) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name)
                .hasMessageContaining(rule)
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("webhook-secret-of")
                .hasMessageNotContaining("\n");
    }

    @Test
    void the_http_server_has_a_request_deadline_an_idle_timeout_and_a_connection_cap() {
        HttpServerConfig defaults = ConfigLoader.load(Map.of()).httpServer();
        HttpServerConfig set = ConfigLoader.load(Map.of("DASHCACHE_HTTP_REQUEST_DEADLINE_MS", "2500",
                "DASHCACHE_HTTP_IDLE_TIMEOUT_MS", "45000", "DASHCACHE_HTTP_MAX_CONNECTIONS", "2000")).httpServer();

        assertThat(defaults).isEqualTo(new HttpServerConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), 5000));
        assertThat(set).isEqualTo(new HttpServerConfig(Duration.ofMillis(2500), Duration.ofSeconds(45), 2000));
        assertThat(set.settings(8080).requestDeadline()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_SSE_HEARTBEAT_MS", "60000")).httpServer().idleTimeout())
                .as("by default twice a long heartbeat").isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void an_idle_timeout_a_heartbeat_cannot_beat_or_a_cap_the_change_streams_fill_is_one_line_naming_both() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_HTTP_IDLE_TIMEOUT_MS", "10000",
                "DASHCACHE_SSE_HEARTBEAT_MS", "15000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DASHCACHE_HTTP_IDLE_TIMEOUT_MS must be more than DASHCACHE_SSE_HEARTBEAT_MS")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_HTTP_MAX_CONNECTIONS", "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DASHCACHE_HTTP_MAX_CONNECTIONS must be more than DASHCACHE_SSE_MAX_STREAMS (1000)");
    }

    @Test
    void a_bad_jwks_url_names_the_variable() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_AUTH", "jwt", "DASHCACHE_JWKS_URL", "ftp://idp/keys")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DASHCACHE_JWKS_URL")
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void every_variable_of_the_contract_is_read() {
        DashcacheConfig config = ConfigLoader.load(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", "rediss://app:secret@cache.internal:6380/2",
                "DASHCACHE_KEY_PREFIX", "dash2",
                "DASHCACHE_ENGINE_URL", "http://engine:9000/base",
                "DASHCACHE_EVENTS_STREAM", "engine:events",
                "DASHCACHE_TTL_OVERVIEW", "42",
                "DASHCACHE_TTL_AGGREGATED_ANALYTICS", "3600",
                "DASHCACHE_L1_MAX_BYTES", "1048576",
                "DASHCACHE_AUTH", "none"));

        assertThat(config.httpPort()).isZero();
        assertThat(config.redisUrl()).contains("rediss://app:secret@cache.internal:6380/2");
        assertThat(config.keyFormat().prefix()).isEqualTo("dash2");
        assertThat(config.engineUrl()).contains(URI.create("http://engine:9000/base"));
        assertThat(config.eventsStream()).isEqualTo("engine:events");
        assertThat(config.ttls().ttl(DataType.OVERVIEW)).isEqualTo(Duration.ofSeconds(42));
        assertThat(config.ttls().ttl(DataType.AGGREGATED_ANALYTICS)).isEqualTo(Duration.ofHours(1));
        assertThat(config.ttls().ttl(DataType.ANALYTICS)).isEqualTo(TtlPolicy.defaults().ttl(DataType.ANALYTICS));
        assertThat(config.l1MaxBytes()).isEqualTo(1_048_576L);
    }

    @Test
    void the_events_stream_follows_the_prefix_unless_named() {
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_KEY_PREFIX", "blue")).eventsStream()).isEqualTo("blue:events");
    }

    @Test
    void a_cluster_url_turns_on_hash_tags_and_one_replica_ack_by_default() {
        DashcacheConfig config = ConfigLoader.load(Map.of("DASHCACHE_REDIS_URL", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000"));

        assertThat(config.keyFormat()).isEqualTo(new KeyFormat("dash", true));
        assertThat(config.resilience().redisReplicaAcks()).isEqualTo(ReplicaAcks.of(1, ReplicaAcks.DEFAULT_TIMEOUT));
    }

    @Test
    void a_sentinel_url_keeps_the_contracts_plain_keys_and_replica_acks_can_be_set() {
        DashcacheConfig config = ConfigLoader.load(Map.of("DASHCACHE_REDIS_URL", "redis-sentinel://s1,s2,s3/cache",
                "DASHCACHE_REDIS_REPLICA_ACKS", "2", "DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS", "150"));

        assertThat(config.keyFormat()).isEqualTo(KeyFormat.standalone("dash"));
        assertThat(config.resilience().redisReplicaAcks()).isEqualTo(ReplicaAcks.of(2, Duration.ofMillis(150)));
    }

    @Test
    void a_replica_wait_as_long_as_the_redis_timeout_is_refused_since_the_connection_would_time_out_first() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_REDIS_URL", "redis-cluster://a:7000,b:7000",
                "DASHCACHE_REDIS_TIMEOUT_MS", "200", "DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS", "200")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS must be less than DASHCACHE_REDIS_TIMEOUT_MS (200), "
                        + "got '200'");
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_REDIS_URL", "redis-cluster://a:7000,b:7000",
                "DASHCACHE_REDIS_TIMEOUT_MS", "200", "DASHCACHE_REDIS_REPLICA_ACKS", "0",
                "DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS", "200")).resilience().redisReplicaAcks().replicas()).isZero();
    }

    @Test
    void zero_as_the_l1_size_means_no_l1() {
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_L1_MAX_BYTES", "0")).l1MaxBytes()).isZero();
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_L1_MAX_BYTES", " 0 ")).l1MaxBytes()).isZero();
    }

    @Test
    void none_as_the_redis_url_means_l1_only() {
        assertThat(ConfigLoader.load(Map.of("DASHCACHE_REDIS_URL", "none")).redisUrl()).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "DASHCACHE_HTTP_PORT|abc|a port number from 0 to 65535",
            "DASHCACHE_HTTP_PORT|70000|a port number from 0 to 65535",
            "DASHCACHE_HTTP_PORT|-1|a port number from 0 to 65535",
            "DASHCACHE_REDIS_URL|http://x:6379|must look like redis://",
            "DASHCACHE_REDIS_URL|redis://|must look like redis://",
            "DASHCACHE_REDIS_URL|redis-cluster://a:7000/2|database 0 only",
            "DASHCACHE_REDIS_URL|redis-sentinel://a:26379|/masterName",
            "DASHCACHE_REDIS_REPLICA_ACKS|17|from 0 to 16",
            "DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS|0|from 1 to 10000",
            "DASHCACHE_KEY_PREFIX|da*sh|1 to 32 characters",
            "DASHCACHE_KEY_PREFIX|a:b|1 to 32 characters",
            "DASHCACHE_ENGINE_URL|ftp://engine|http:// or https://",
            "DASHCACHE_ENGINE_URL|not a url|http:// or https://",
            "DASHCACHE_EVENTS_STREAM|a b|1 to 200 characters",
            "DASHCACHE_EVENTS_HEARTBEAT_MS|5|from 10 to 60000",
            "DASHCACHE_EVENTS_LIVENESS_MS|soon|from 20 to 600000",
            "DASHCACHE_TTL_OVERVIEW|0|from 1 to 604800",
            "DASHCACHE_TTL_OVERVIEW|ten|from 1 to 604800",
            "DASHCACHE_TTL_WIDGETS|60|names no data type",
            "DASHCACHE_L1_MAX_BYTES|12|from 1024",
            "DASHCACHE_L1_MAX_BYTES|lots|from 1024",
            "DASHCACHE_AUTH|jwt|needs DASHCACHE_JWT_SECRET",
            "DASHCACHE_AUTH|oauth|must be none",
            "DASHCACHE_REDIS_TIMEOUT_MS|5|from 10 to 60000",
            "DASHCACHE_REDIS_BREAKER_OPEN_MS|10|from 100 to 600000",
            "DASHCACHE_ENGINE_MAX_CONCURRENCY|0|from 1 to 1024",
            "DASHCACHE_ENGINE_QUEUE_WAIT_MS|-1|from 0 to 10000",
            "DASHCACHE_HTTP_REQUEST_DEADLINE_MS|50|from 100 to 600000",
            "DASHCACHE_HTTP_IDLE_TIMEOUT_MS|lots|from 1000 to 3600000",
            "DASHCACHE_HTTP_MAX_CONNECTIONS|0|from 1 to 1000000",
    })
    void a_bad_value_is_one_line_naming_the_variable_the_rule_and_the_value(String name, String value, String rule) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name)
                .hasMessageContaining(rule)
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_password_in_a_bad_redis_url_is_never_shown() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DASHCACHE_REDIS_URL", "http://user:hunter2@host:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("user:***@");
    }

    @Test
    void a_properties_file_sets_the_same_names_and_the_environment_wins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dashcache.properties");
        Files.writeString(file, "DASHCACHE_HTTP_PORT=9090\nDASHCACHE_KEY_PREFIX=fromfile\nDASHCACHE_TTL_SYSTEM_STATUS=5\n");
        Map<String, String> environment = new HashMap<>();
        environment.put(ConfigLoader.CONFIG_FILE, file.toString());
        environment.put("DASHCACHE_KEY_PREFIX", "fromenv");

        DashcacheConfig config = ConfigLoader.load(environment);

        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.keyPrefix()).isEqualTo("fromenv");
        assertThat(config.ttls().ttl(DataType.SYSTEM_STATUS)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_missing_properties_file_is_a_clear_error() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE, "/nonexistent/dashcache.properties")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(ConfigLoader.CONFIG_FILE)
                .hasMessageContaining("/nonexistent/dashcache.properties");
    }

    @Test
    void variables_outside_dashcache_are_ignored() {
        assertThat(ConfigLoader.load(Map.of("HTTP_PORT", "abc", "PATH", "/usr/bin")).httpPort()).isEqualTo(8080);
    }
}
