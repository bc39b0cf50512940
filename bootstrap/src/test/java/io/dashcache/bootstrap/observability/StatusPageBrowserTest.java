package io.dashcache.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status page in headless Chromium, after real traffic through a whole instance: it shows the
 * numbers {@code /api/cache/metrics} reports, and an alert appears on it, without a reload, when
 * one is raised. Screenshots (laptop and phone widths) are left in {@code target/} for people.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private RunningInstance dashcache;
    private HeadlessChromium chromium;
    private ChromeDriver page;
    private int reads;

    @BeforeAll
    void startAnInstanceWithTrafficAndOpenThePage() throws IOException {
        HeadlessChromium.requireInstalled();
        dashcache = RunningInstance.start(Map.of("DASHCACHE_METRICS_SNAPSHOT_SECONDS", "1"));
        for (int user = 1; user <= 6; user++) {
            reads += dashcache.read("/api/dashboard/overview", "u" + user, 25);
        }
        reads += dashcache.read("/api/dashboard/analytics?period=7d", "u1", 60);
        reads += dashcache.read("/api/dashboard/system-status", "u1", 60);
        reads += dashcache.read("/api/dashboard/widgets/heatmap", "u2", 40);
        reads += dashcache.read("/api/dashboard/preferences", "u3", 30);
        assertThat(reads).as("every read answered").isEqualTo(340);
        chromium = HeadlessChromium.start(1280, 1900);
        page = chromium.driver();
        page.get(dashcache.baseUrl() + "/?refresh=1");
    }

    @AfterAll
    void closeEverything() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (dashcache != null) {
                dashcache.close();
            }
        }
    }

    private WebElement byId(String id) {
        return page.findElement(By.id(id));
    }

    /** The page's raw value of a figure, as it keeps it beside the formatted one. */
    private String shown(String id) {
        return byId(id).getAttribute("data-value");
    }

    private static String raw(JsonNode value) {
        return value.isNull() ? "" : value.asText();
    }

    @Test
    @Order(1)
    void the_page_shows_the_figures_the_report_gives() {
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            JsonNode report = dashcache.json("/api/cache/metrics");
            List<String> typesRead = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> types = report.path("types").fields(); types.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = types.next();
                String prefix = "type-" + entry.getKey();
                JsonNode figures = entry.getValue();
                assertThat(shown(prefix + "-requests")).as(prefix + " reads").isEqualTo(raw(figures.path("requests")));
                assertThat(shown(prefix + "-requests-total")).isEqualTo(raw(figures.path("requestsSinceStart")));
                assertThat(shown(prefix + "-hit-rate")).as(prefix + " hit rate").isEqualTo(raw(figures.path("hitRate")));
                assertThat(byId(prefix + "-grade").getAttribute("data-grade")).as(prefix + " grade")
                        .isEqualTo(raw(figures.path("grade")));
                if (figures.path("requests").asLong() > 0) {
                    typesRead.add(entry.getKey());
                    assertThat(byId(prefix + "-hit-rate").getText()).isEqualTo(
                            String.format(Locale.ROOT, "%.1f %%", figures.path("hitRate").asDouble() * 100));
                    assertThat(byId(prefix + "-requests").getText()).isEqualTo(figures.path("requests").asText());
                    assertThat(byId(prefix + "-grade").getText()).isEqualToIgnoringCase(figures.path("grade").asText());
                }
            }
            assertThat(typesRead).containsExactly("overview", "analytics", "user_preferences", "system_status",
                    "widget_data");
            assertThat(shown("overall-requests")).isEqualTo(String.valueOf(reads));
            assertThat(shown("overall-hit-rate")).isEqualTo(raw(report.path("overall").path("hitRate")));
            assertThat(byId("overall-grade").getAttribute("data-grade")).isEqualTo(report.path("overall").path("grade").asText());
        });
        assertThat(page.findElements(By.cssSelector("#alert-list li"))).isEmpty();
        assertThat(byId("no-alerts").isDisplayed()).isTrue();
        assertThat(byId("dep-redis-state").getText()).isEqualTo("UP");
        assertThat(byId("dep-engine-state").getText()).isEqualTo("UP");
        assertThat(page.findElements(By.cssSelector("#chart-overview-hit-rate svg .dot"))).as("a chart is drawn")
                .isNotEmpty();
    }

    @Test
    @Order(2)
    void the_page_lists_the_hot_keys_as_the_admin_route_ranks_them() {
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            List<String> answered = new ArrayList<>();
            dashcache.json("/api/cache/hot-keys?limit=10").path("keys").forEach(hot -> answered.add(hot.path("key").asText()));
            List<String> shown = page.findElements(By.cssSelector("#hot-key-list tr")).stream()
                    .map(row -> row.getAttribute("data-key")).toList();
            assertThat(shown).isEqualTo(answered).hasSize(10);
            // 60 reads each, then 40 and 30, then six overviews of 25
            assertThat(shown.subList(0, 2)).containsExactlyInAnyOrder("analytics:7d", "system_status");
            assertThat(shown.subList(2, 4)).containsExactly("widget_data:user:u2:heatmap", "user_preferences:user:u3");
        });
        assertThat(byId("hot-keys-table").isDisplayed()).isTrue();
        assertThat(byId("hot-keys-note").isDisplayed()).isFalse();
        assertThat(byId("hot-key-count").getText()).isEqualTo("10");
        WebElement first = page.findElements(By.cssSelector("#hot-key-list tr")).get(0);
        assertThat(first.findElements(By.tagName("td")).get(3).getText()).isEqualTo("60");
    }

    @Test
    @Order(3)
    void an_engine_event_shows_in_the_invalidation_lag_table_as_the_report_gives_it() {
        String event = "{\"eventId\":\"e-lag-page\",\"type\":\"notification.created\",\"userId\":\"u1\","
                + "\"occurredAt\":\"" + java.time.Instant.now().minusMillis(40) + "\"}";
        assertThat(dashcache.post("/api/events", event).statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            assertThat(dashcache.json("/api/cache/metrics").path("invalidationLag").path("occurred_to_heard")
                    .path("events").asLong()).isEqualTo(1);
            List<String> stages = page.findElements(By.cssSelector("#lag-list tr")).stream()
                    .map(row -> row.getAttribute("data-stage")).toList();
            assertThat(stages).contains("occurred_to_bumped", "occurred_to_heard");
        });
        assertThat(byId("lag-table").isDisplayed()).isTrue();
        assertThat(byId("lag-note").isDisplayed()).isFalse();
    }

    @Test
    @Order(4)
    void an_alert_raised_by_failing_reads_appears_on_the_open_page() throws IOException {
        dashcache.failEngineFor("notifications");
        assertThat(dashcache.read("/api/dashboard/notifications", "u1", 25)).isZero();

        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            List<WebElement> alerts = page.findElements(
                    By.cssSelector("#alert-list li[data-kind='HIGH_ERROR_RATE'][data-type='notifications']"));
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).getAttribute("data-severity")).isEqualTo("CRITICAL");
            assertThat(alerts.get(0).findElement(By.className("alert-message")).getText())
                    .contains("notifications", "25 failed reads");
            assertThat(alerts.get(0).findElement(By.className("alert-advice")).getText()).contains("DASHCACHE_ENGINE_URL");
            assertThat(byId("no-alerts").isDisplayed()).isFalse();
            JsonNode report = dashcache.json("/api/cache/metrics");
            assertThat(byId("alert-count").getText()).isEqualTo(String.valueOf(report.path("alerts").size()));
            assertThat(byId("dep-engine-state").getText())
                    .isEqualTo(dashcache.json("/health").path("dependencies").path("engine").path("state").asText());
        });
        assertThat(byId("dep-engine-state").getText()).isEqualTo("DEGRADED");
        assertThat(byId("type-notifications-grade").getAttribute("data-grade")).isEqualTo("critical");

        save("page-screenshot.png");
        page.manage().window().setSize(new Dimension(390, 2600));
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> page.findElement(By.tagName("body")).getSize().getWidth() <= 390);
        save("page-screenshot-phone.png");
    }

    private void save(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).as(name).isPositive();
    }
}
