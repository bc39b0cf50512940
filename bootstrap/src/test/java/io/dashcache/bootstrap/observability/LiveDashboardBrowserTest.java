package io.dashcache.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live dashboard ({@code /demo}) in headless Chromium, on an instance with the embedded demo
 * engine producing detections ten times a second: demo-1's figures, activity and notifications
 * change on the open page, in the same document, as the change stream names them. A screenshot is
 * left in {@code target/} for people.
 */
class LiveDashboardBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChromeDriver page;

    private String text(String id) {
        return page.findElement(By.id(id)).getText();
    }

    // read in one script: the page re-renders these lists as changes arrive, and an element found in one
    // WebDriver call may be gone by the next (StaleElementReferenceException)
    private String value(String id) {
        Object value = page.executeScript("const e = document.getElementById(arguments[0]);"
                + " return e ? (e.dataset.value || '') : '';", id);
        return String.valueOf(value);
    }

    private String firstActivity() {
        Object detection = page.executeScript("const li = document.querySelector('#activity-list li');"
                + " return li ? (li.dataset.detection || '') : '';");
        return String.valueOf(detection);
    }

    @Test
    void the_dashboard_of_demo_1_follows_its_detections_without_a_reload_and_never_shows_a_name_that_is_no_id()
            throws IOException {
        HeadlessChromium.requireInstalled();
        // no engine URL: the embedded demo engine, whose feed adds detections for demo-1 .. demo-3
        try (RunningInstance dashcache = RunningInstance.start(Map.of("DASHCACHE_ENGINE_URL", "",
                "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "600"));
             HeadlessChromium chromium = HeadlessChromium.start(1280, 1000)) {
            page = chromium.driver();
            page.get(dashcache.baseUrl() + "/demo?user=demo-1");
            awaitLive();
            await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> !value("ov-total").isEmpty() && !firstActivity().isEmpty());
            page.executeScript("document.body.dataset.sameDocument = 'yes'");
            long totalBefore = Long.parseLong(value("ov-total"));
            String activityBefore = firstActivity();

            await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                assertThat(Long.parseLong(value("ov-total"))).as("detections").isGreaterThan(totalBefore);
                assertThat(firstActivity()).as("latest activity").isNotEqualTo(activityBefore);
                assertThat(page.findElements(By.cssSelector("#change-log li[data-type='overview'][data-scope='user']")))
                        .as("overview changes heard").isNotEmpty();
            });

            assertThat(page.findElement(By.tagName("body")).getAttribute("data-same-document")).as("no reload")
                    .isEqualTo("yes");
            assertThat(text("user-name")).isEqualTo("demo-1");
            assertThat(Long.parseLong(value("changes-count"))).isPositive();
            assertThat(page.findElements(By.cssSelector("#notif-list li"))).isNotEmpty();
            assertThat(text("sys-status")).isIn("operational", "degraded");
            assertThat(page.findElement(By.id("part-overview")).getText()).contains("X-Cache");
            save("live-dashboard.png");

            page.get(dashcache.baseUrl() + "/demo?user=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
            awaitLive();
            assertThat(text("user-name")).as("an id or nothing: demo-1").isEqualTo("demo-1");
            assertThat(page.findElements(By.tagName("img"))).isEmpty();
        }
    }

    private void awaitLive() {
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> "live".equals(page.findElement(By.id("stream-state")).getAttribute("data-state")));
    }

    private void save(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).as(name).isPositive();
    }
}
