package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardBatchRouteTest extends RunningServer {

    private static final UserId USER = UserId.of("42");

    @BeforeEach
    void answerEveryReadFromL1() {
        ports.readAnswer = key -> new DashboardRead(DashboardReadRoutesTest.ENTRY, CacheOutcome.L1_HIT);
    }

    @Test
    void each_part_answers_with_its_outcome_etag_and_the_engine_bytes_embedded_as_they_are() {
        HttpResponse<byte[]> response = get("/api/dashboard?parts=overview,widgets/heatmap,analytics/7d,system-status",
                "X-User-Id", "42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ports.reads).containsExactly(CacheKey.forUser(DataType.OVERVIEW, USER),
                CacheKey.widget(USER, WidgetType.of("heatmap")),
                CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK), CacheKey.global(DataType.SYSTEM_STATUS));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String payload = new String(DashboardReadRoutesTest.PAYLOAD, StandardCharsets.UTF_8);
        assertThat(text).contains("\"body\":" + payload + "}"); // byte for byte: no re-serialisation
        JsonNode overview = json(response).path("parts").path("overview");
        assertThat(overview.path("xCache").asText()).isEqualTo("L1_HIT");
        assertThat(overview.path("etag").asText()).isEqualTo(DashboardReadRoutesTest.ENTRY.etag());
        assertThat(overview.path("status").asInt()).isEqualTo(200);
        assertThat(overview.path("body").path("name").asText()).isEqualTo("Zoë");
        assertThat(json(response).path("parts").fieldNames()).toIterable()
                .containsExactly("overview", "widgets/heatmap", "analytics/7d", "system-status");
    }

    @Test
    void a_failing_or_absent_part_carries_its_own_status_while_the_others_answer() {
        ports.readAnswer = key -> switch (key.type()) {
            case NOTIFICATIONS -> throw new SourceUnavailableException(SourceUnavailableException.Reason.TIMEOUT,
                    "slow");
            case OVERVIEW -> new DashboardRead(CacheEntry.absent(Instant.parse("2026-11-25T10:00:00Z"),
                    java.time.Duration.ofSeconds(5), 0), CacheOutcome.MISS);
            default -> new DashboardRead(DashboardReadRoutesTest.ENTRY, CacheOutcome.L2_HIT);
        };

        JsonNode parts = json(get("/api/dashboard?parts=notifications,overview,system-status", "X-User-Id", "42"))
                .path("parts");

        assertThat(parts.path("notifications").path("status").asInt()).isEqualTo(504);
        assertThat(parts.path("notifications").path("error").asText()).isEqualTo("engine_timeout");
        assertThat(parts.path("overview").path("status").asInt()).isEqualTo(404);
        assertThat(parts.path("overview").path("xCache").asText()).isEqualTo("MISS");
        assertThat(parts.path("system-status").path("status").asInt()).isEqualTo(200);
    }

    @Test
    void global_parts_need_no_user_and_a_part_asked_twice_is_read_once() {
        JsonNode parts = json(get("/api/dashboard?parts=system-status,performance-metrics,system-status"))
                .path("parts");

        assertThat(parts.size()).isEqualTo(2);
        assertThat(ports.reads).hasSize(2);
    }

    @Test
    void bad_requests_are_refused_before_anything_is_read() {
        assertThat(assertError(get("/api/dashboard", "X-User-Id", "42"), 400, "invalid_request"))
                .startsWith("parts is required");
        assertThat(assertError(get("/api/dashboard?parts=overview,bogus", "X-User-Id", "42"), 400,
                "invalid_request")).startsWith("parts[1]: unknown part 'bogus'");
        assertThat(assertError(get("/api/dashboard?parts=analytics/5y"), 400, "invalid_request"))
                .startsWith("parts[0]: ");
        assertThat(assertError(get("/api/dashboard?parts=widgets", "X-User-Id", "42"), 400, "invalid_request"))
                .contains("needs a widget type");
        assertThat(assertError(get("/api/dashboard?parts=widgets/a:b", "X-User-Id", "42"), 400,
                "invalid_request")).startsWith("parts[0]: ");
        assertThat(assertError(get("/api/dashboard?parts=overview"), 400, "invalid_request")).isNotBlank();
        assertThat(assertError(get("/api/dashboard?parts=" + "system-status,".repeat(17)), 400,
                "invalid_request")).startsWith("at most 16 parts");
        assertThat(ports.reads).isEmpty();
    }
}
