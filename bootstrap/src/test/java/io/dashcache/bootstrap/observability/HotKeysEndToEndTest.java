package io.dashcache.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real reads through a whole instance, then {@code GET /api/cache/hot-keys} ranks the keys read most. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotKeysEndToEndTest {

    private RunningInstance dashcache;

    @BeforeAll
    void readSomeKeysMoreThanOthers() {
        dashcache = RunningInstance.start(Map.of());
        assertThat(dashcache.read("/api/dashboard/widgets/heatmap", "u7", 30)).isEqualTo(30);
        assertThat(dashcache.read("/api/dashboard/analytics?period=24h", "u1", 20)).isEqualTo(20);
        assertThat(dashcache.read("/api/dashboard/overview", "u2", 12)).isEqualTo(12);
        assertThat(dashcache.read("/api/dashboard/system-status", "u3", 5)).isEqualTo(5);
        for (int user = 10; user < 20; user++) {
            assertThat(dashcache.read("/api/dashboard/notifications", "u" + user, 1)).isEqualTo(1);
        }
    }

    @AfterAll
    void stop() {
        dashcache.close();
    }

    @Test
    void the_keys_read_most_come_first_with_their_estimated_reads() {
        JsonNode body = dashcache.json("/api/cache/hot-keys?limit=4");

        assertThat(body.path("limit").asInt()).isEqualTo(4);
        List<String> keys = new ArrayList<>();
        List<Integer> reads = new ArrayList<>();
        body.path("keys").forEach(hot -> {
            keys.add(hot.path("key").asText());
            reads.add(hot.path("estimatedReads").asInt());
        });
        assertThat(keys).containsExactly("widget_data:user:u7:heatmap", "analytics:24h", "overview:user:u2", "system_status");
        // a count-min estimate is never below the true count, and with this few keys it is exact
        assertThat(reads).containsExactly(30, 20, 12, 5);
        assertThat(body.path("keys").get(0).path("userId").asText()).isEqualTo("u7");
        assertThat(body.path("keys").get(0).path("widget").asText()).isEqualTo("heatmap");
        assertThat(body.path("keys").get(1).path("period").asText()).isEqualTo("24h");
    }

    @Test
    void by_default_twenty_keys_at_most_and_a_bad_limit_is_a_json_400() {
        JsonNode all = dashcache.json("/api/cache/hot-keys");
        assertThat(all.path("limit").asInt()).isEqualTo(20);
        assertThat(all.path("keys")).hasSize(14); // four keys read often, ten notifications read once

        HttpResponse<String> bad = dashcache.get("/api/cache/hot-keys?limit=5000");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(bad.body()).contains("\"error\":\"invalid_request\"").contains("limit must be a whole number from 1 to 1000");
    }
}
