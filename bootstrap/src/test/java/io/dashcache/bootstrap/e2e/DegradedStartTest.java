package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.bootstrap.Dashcache;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Starting without what a full deployment has: no Redis at all, a Redis that is not there, no engine URL. */
class DegradedStartTest extends EndToEndTest {

    private static final String USER = "42";

    @Test
    void with_redis_url_none_reads_work_from_l1_and_health_says_redis_is_degraded() {
        Dashcache instance = instances.start("no-redis", Map.of("DASHCACHE_REDIS_URL", "none"));

        assertThatReadsMissThenHitL1(instance);
        assertThatHealthSaysRedisIsDegraded(instance);
    }

    @Test
    void with_nothing_listening_at_the_redis_url_the_instance_starts_on_the_engine_and_health_says_degraded()
            throws IOException {
        Dashcache instance = instances.start("redis-away",
                Map.of("DASHCACHE_REDIS_URL", "redis://127.0.0.1:" + portWhereNothingListens()));

        // no subscription, so broadcasts would be missed: L1 is not trusted until there is one
        assertThatReads(instance, "MISS");
        assertThatHealthSaysRedisIsDegraded(instance);
    }

    @Test
    void the_embedded_demo_engine_answers_every_read_with_a_json_object_for_any_user() {
        Dashcache instance = instances.start("demo", Map.of("DASHCACHE_ENGINE_URL", ""));

        SoftAssertions softly = new SoftAssertions();
        for (String user : List.of("42", "ann@example.org", "Z-9_x.y", "u" + System.nanoTime())) {
            for (ApiRead read : ApiRead.everyKey(user)) {
                Reply reply = Api.get(instance, read);
                softly.assertThat(reply.status()).as("%s for %s: %s", read.name(), user, reply).isEqualTo(200);
                softly.assertThat(reply.contentType()).as("%s Content-Type", read.name()).startsWith("application/json");
                softly.assertThat(reply.json().isObject()).as("%s for %s is a JSON object", read.name(), user).isTrue();
            }
        }
        softly.assertAll();
    }

    private void assertThatReadsMissThenHitL1(Dashcache instance) {
        assertThatReads(instance, "L1_HIT");
    }

    private void assertThatReads(Dashcache instance, String second) {
        SoftAssertions softly = new SoftAssertions();
        for (ApiRead read : ApiRead.nine(USER)) {
            engine.answers(read.engine(), read.body("v1"));
            Reply first = Api.get(instance, read);
            Reply secondRead = Api.get(instance, read);
            softly.assertThat(first.status()).as("%s: %s", read.name(), first).isEqualTo(200);
            softly.assertThat(first.cache()).as("%s first", read.name()).isEqualTo("MISS");
            softly.assertThat(first.text()).as("%s body", read.name()).isEqualTo(read.body("v1"));
            softly.assertThat(secondRead.cache()).as("%s second", read.name()).isEqualTo(second);
            softly.assertThat(secondRead.text()).as("%s body", read.name()).isEqualTo(read.body("v1"));
        }
        softly.assertAll();
    }

    private static void assertThatHealthSaysRedisIsDegraded(Dashcache instance) {
        Reply health = Api.get(instance, "/health", null);
        assertThat(health.status()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.path("dependencies").path("redis").path("state").asText()).as("%s", health)
                .isEqualTo("DEGRADED");
        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        // the project's words, and what to do; the client's exception names stay in the log
        assertThat(body.path("dependencies").path("redis").path("detail").asText()).as("%s", health)
                .doesNotContain("Exception").doesNotContain("Jedis").doesNotContain("java.").contains("DASHCACHE_REDIS_URL");
        Reply report = Api.get(instance, "/api/cache/metrics", null);
        assertThat(report.text()).as("alerts and dependencies of the metrics report")
                .doesNotContain("Exception").doesNotContain("Jedis").doesNotContain("java.");
    }

    private static int portWhereNothingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
