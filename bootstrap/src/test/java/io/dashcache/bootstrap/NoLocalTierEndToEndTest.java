package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.inmemory.NoLocalTier;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import io.dashcache.testsupport.RedisTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_L1_MAX_BYTES=0}: an instance without L1 answers every repeated read from Redis. */
class NoLocalTierEndToEndTest {

    @Test
    void without_l1_every_repeated_read_is_an_l2_hit() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Dashcache instance = Dashcache.start(ConfigLoader.load(Map.of(
                "DASHCACHE_HTTP_PORT", "0",
                "DASHCACHE_REDIS_URL", RedisTestServer.url(),
                "DASHCACHE_KEY_PREFIX", RedisTestServer.uniquePrefix(),
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0",
                "DASHCACHE_L1_MAX_BYTES", "0")))) {
            HttpRequest overview = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + instance.port() + "/api/dashboard/overview"))
                    .header("X-User-Id", "no-l1-user").timeout(Duration.ofSeconds(10)).GET().build();

            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = client.send(overview, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                outcomes.add(response.headers().firstValue("X-Cache").orElse("none"));
            }

            assertThat(outcomes).containsExactly("MISS", "L2_HIT", "L2_HIT");
            assertThat(instance.part(LocalCacheTier.class)).isInstanceOf(NoLocalTier.class);
        }
    }
}
