package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

class RedisConnectorTest {

    @Test
    void a_full_url_is_read_into_its_parts() {
        RedisUrl url = RedisUrl.parse("rediss://ops:s%40cret@cache.internal:6380/3");

        assertThat(url).isEqualTo(new RedisUrl(RedisTopology.STANDALONE, List.of(new HostAndPort("cache.internal", 6380)),
                "ops", "s@cret", 3, true, null, null, null));
    }

    @Test
    void a_bare_url_means_port_6379_database_0_and_no_credentials() {
        assertThat(RedisUrl.parse("redis://localhost")).isEqualTo(RedisUrl.standalone("localhost", 6379));
    }

    @Test
    void a_cluster_url_lists_its_seed_nodes_and_keeps_the_credentials_and_tls() {
        RedisUrl url = RedisUrl.parse("rediss-cluster://ops:s3cret@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002");

        assertThat(url.topology()).isEqualTo(RedisTopology.CLUSTER);
        assertThat(url.endpoints()).containsExactly(new HostAndPort("10.0.0.1", 7000), new HostAndPort("10.0.0.2", 7001),
                new HostAndPort("::1", 7002));
        assertThat(url.user()).isEqualTo("ops");
        assertThat(url.password()).isEqualTo("s3cret");
        assertThat(url.tls()).isTrue();
        assertThat(url.masked()).isEqualTo("rediss-cluster://ops:***@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002");
    }

    @Test
    void a_sentinel_url_names_the_sentinels_the_primary_and_optionally_a_database_and_sentinel_credentials() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://:data-pw@s1:26380,s2/cache/2?sentinelPassword=sentinel-pw");

        assertThat(url.topology()).isEqualTo(RedisTopology.SENTINEL);
        assertThat(url.endpoints()).containsExactly(new HostAndPort("s1", 26380), new HostAndPort("s2", 26379));
        assertThat(url.masterName()).isEqualTo("cache");
        assertThat(url.database()).isEqualTo(2);
        assertThat(url.password()).isEqualTo("data-pw");
        assertThat(url.sentinelPassword()).isEqualTo("sentinel-pw");
        assertThat(url.masked()).isEqualTo("redis-sentinel://:***@s1:26380,s2:26379/cache/2?sentinelPassword=***")
                .doesNotContain("pw");
    }

    @Test
    void the_topology_is_read_from_the_scheme() {
        assertThat(RedisSettings.of("redis://cache").topology()).isEqualTo(RedisTopology.STANDALONE);
        assertThat(RedisSettings.of("redis-cluster://a:7000,b:7000").topology()).isEqualTo(RedisTopology.CLUSTER);
        assertThat(RedisSettings.of("redis-sentinel://a,b,c/cache").topology()).isEqualTo(RedisTopology.SENTINEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://a:6379,b:6379", "redis-cluster://", "redis-cluster://a:7000/3",
            "redis-cluster://a:7000,,b:7000", "redis-cluster://a:70000", "redis-cluster://a:7000?sentinelPassword=x",
            "redis-sentinel://a:26379", "redis-sentinel://a:26379/", "redis-sentinel://a:26379/ma{ster}",
            "redis-sentinel://a/cache/x", "redis-sentinel://a/cache?timeout=5", "redis-sentinel://a/cache/1/2",
            "redis-cluster://a b:7000", "redis-cluster://a:7000#frag", "redis-cluster://:pw%4@a:7000"})
    void a_bad_cluster_or_sentinel_url_is_refused_with_one_sentence(String url) {
        assertThatThrownBy(() -> RedisSettings.of(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DASHCACHE_REDIS_URL must look like redis://")
                .hasMessageContaining("redis-cluster://")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_bad_sentinel_url_does_not_repeat_the_sentinel_password() {
        assertThatThrownBy(() -> RedisSettings.of("redis-sentinel://a/cache?sentinelPassword=hunter2&x=1"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void user_info_without_a_colon_is_a_password_as_for_redis_cli() {
        assertThat(RedisUrl.parse("redis://secret@localhost:6379").password()).isEqualTo("secret");
        assertThat(RedisUrl.parse("redis://:secret@localhost:6379").user()).isNull();
    }

    @Test
    void the_masked_url_hides_the_password_only() {
        assertThat(RedisSettings.of("redis://ops:s3cret@cache:6380/2").maskedUrl()).isEqualTo("redis://ops:***@cache:6380/2");
        assertThat(RedisSettings.of("redis://:s3cret@cache:6380").maskedUrl()).isEqualTo("redis://:***@cache:6380");
        assertThat(RedisSettings.of("redis://127.0.0.1:6379").maskedUrl()).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void settings_never_print_the_password() {
        assertThat(RedisSettings.of("redis://ops:s3cret@cache:6380").toString()).doesNotContain("s3cret")
                .contains("redis://ops:***@cache:6380");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "none", "http://cache:6379", "redis://", "redis://cache:port", "redis://cache:6379/x",
            "redis://cache:6379?timeout=5", "redis://user:pa ss@cache:6379"})
    void a_bad_url_is_refused_with_one_sentence_naming_the_variable(String url) {
        assertThatThrownBy(() -> RedisSettings.of(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DASHCACHE_REDIS_URL must look like redis://")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_bad_url_with_a_password_does_not_repeat_the_password() {
        assertThatThrownBy(() -> RedisSettings.of("redis://ops:s3cret@cache:port"))
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("redis://ops:***@cache:port");
    }

    @Test
    void timeouts_and_pool_size_are_checked() {
        assertThatThrownBy(() -> new RedisSettings("redis://cache", Duration.ZERO, Duration.ofMillis(500), 8))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new RedisSettings("redis://cache", Duration.ofMillis(500), Duration.ofMillis(500), 0))
                .hasMessageContaining("maxConnections");
    }

    @Test
    void ping_is_true_when_redis_answers() {
        assertThat(TestRedis.connector().ping()).isTrue();
    }

    @Test
    void ping_is_false_and_quick_when_nothing_listens() {
        try (RedisConnector dead = new RedisConnector(RedisSettings.of("redis://127.0.0.1:" + TestRedis.freePort()))) {
            long start = System.nanoTime();

            assertThat(dead.ping()).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void the_user_and_password_in_the_url_authenticate() {
        String prefix = RedisTestServer.uniquePrefix();
        URI server = URI.create(RedisTestServer.url());
        try (Jedis admin = TestRedis.admin()) {
            admin.aclSetUser(prefix, "reset", "on", ">p@ss:word", "~" + prefix + ":*", "+@all");
            try (RedisConnector connector = new RedisConnector(RedisSettings.of(
                    "redis://" + prefix + ":p%40ss%3Aword@" + server.getHost() + ":" + server.getPort()))) {

                assertThat(connector.ping()).isTrue();
                connector.client().set(prefix + ":auth", "ok");
                assertThat(admin.get(prefix + ":auth")).isEqualTo("ok");
            } finally {
                admin.aclDelUser(prefix);
                admin.del(prefix + ":auth");
            }
        }
    }

    @Test
    void a_wrong_password_makes_ping_false() {
        URI server = URI.create(RedisTestServer.url());
        try (RedisConnector connector = new RedisConnector(RedisSettings.of(
                "redis://nobody-" + RedisTestServer.uniquePrefix() + ":n0t-the-pa55@" + server.getHost() + ":" + server.getPort()))) {
            assertThat(connector.ping()).isFalse();
            assertThat(connector.pingProblem()).doesNotContain("n0t-the-pa55");
        }
    }
}
