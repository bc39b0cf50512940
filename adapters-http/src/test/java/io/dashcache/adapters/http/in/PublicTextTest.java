package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.messages.DependencyHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no answer to PING from redis://127.0.0.1:6390: JedisConnectionException: Failed to connect to any host resolved for DNS name.|no answer to PING from redis://127.0.0.1:6390: the connection failed: Failed to connect to any host resolved for DNS name.",
            "Redis GET failed: JedisConnectionException: java.net.SocketTimeoutException: Read timed out|Redis GET failed: the connection failed: timed out: Read timed out",
            "circuit OPEN: reads go L1 -> engine; redis.clients.jedis.exceptions.JedisDataException: NOAUTH Authentication required.|circuit OPEN: reads go L1 -> engine; Redis refused the command: NOAUTH Authentication required.",
            "health check failed: java.lang.IllegalStateException|health check failed: it failed",
            "failed in redis.clients.jedis.Connection.connect|failed in a component.connect",
            "the latest call succeeded|the latest call succeeded"})
    void library_names_become_what_they_mean(String raw, String worded) {
        assertThat(PublicText.of(raw)).isEqualTo(worded);
    }

    @Test
    void a_degraded_dependency_says_what_to_do_unless_its_text_already_names_the_setting() {
        String redis = PublicText.detail(DependencyHealth.degraded("redis",
                "circuit OPEN: reads go L1 -> engine; no answer to PING from redis://cache:6379: JedisConnectionException: "
                        + "java.net.SocketTimeoutException: Connect timed out"));
        String disabled = PublicText.detail(DependencyHealth.degraded("redis", "disabled by DASHCACHE_REDIS_URL=none: L1-only"));
        String up = PublicText.detail(DependencyHealth.up("engine", "the latest call succeeded"));

        assertThat(redis).doesNotContain("Exception").doesNotContain("java.").contains("timed out")
                .endsWith("check that Redis runs and that DASHCACHE_REDIS_URL points at it; reads go on from L1 and the engine");
        assertThat(disabled).isEqualTo("disabled by DASHCACHE_REDIS_URL=none: L1-only");
        assertThat(up).isEqualTo("the latest call succeeded");
    }
}
