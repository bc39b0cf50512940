package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.bootstrap.Dashcache;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/dashboard?parts=...} on a running instance: a cold user, then the same dashboard from L1 and L2. */
class BatchReadTest extends EndToEndTest {

    private static final String USER = "84";
    private static final String PARTS = "/api/dashboard?parts=overview,notifications,recent-activity,preferences,"
            + "widgets/heatmap,analytics/7d,system-status,performance-metrics";

    private final Map<String, ApiRead> parts = new LinkedHashMap<>();

    {
        parts.put("overview", ApiRead.overview(USER));
        parts.put("notifications", ApiRead.notifications(USER));
        parts.put("recent-activity", ApiRead.recentActivity(USER));
        parts.put("preferences", ApiRead.preferences(USER));
        parts.put("widgets/heatmap", ApiRead.widget(USER, "heatmap"));
        parts.put("analytics/7d", ApiRead.analytics("7d"));
        parts.put("system-status", ApiRead.systemStatus());
        parts.put("performance-metrics", ApiRead.performanceMetrics());
    }

    @Test
    void a_cold_user_costs_one_engine_call_per_part_and_the_next_instance_reads_them_all_from_l2() {
        parts.values().forEach(read -> engine.answers(read.engine(), read.body("v1")));
        Dashcache first = instances.start("batch-1");

        Reply cold = Api.get(first, PARTS, USER);
        Reply warm = Api.get(first, PARTS, USER);
        Dashcache second = instances.start("batch-2");
        Reply fromL2 = Api.get(second, PARTS, USER);

        assertThat(cold.status()).as("%s", cold).isEqualTo(200);
        assertOutcomes(cold.json(), "MISS");
        assertOutcomes(warm.json(), "L1_HIT");
        assertOutcomes(fromL2.json(), "L2_HIT");
        for (Map.Entry<String, ApiRead> part : parts.entrySet()) {
            JsonNode answer = cold.json().path("parts").path(part.getKey());
            assertThat(answer.path("status").asInt()).as(part.getKey()).isEqualTo(200);
            // the engine's bytes, embedded as they are (its odd spacing and "1.50" survive)
            assertThat(new String(cold.body(), StandardCharsets.UTF_8)).as(part.getKey())
                    .contains("\"body\":" + part.getValue().body("v1") + "}");
            assertThat(engine.requestsFor(part.getValue().engine())).as("engine calls for %s", part.getKey()).hasSize(1);
        }
        assertThat(engine.totalRequests()).isEqualTo(parts.size());
    }

    private void assertOutcomes(JsonNode body, String outcome) {
        JsonNode answers = body.path("parts");
        assertThat(answers.size()).isEqualTo(parts.size());
        assertThat(List.copyOf(parts.keySet())).allSatisfy(name ->
                assertThat(answers.path(name).path("xCache").asText()).as(name).isEqualTo(outcome));
    }
}
