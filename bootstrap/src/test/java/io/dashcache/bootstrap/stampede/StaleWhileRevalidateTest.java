package io.dashcache.bootstrap.stampede;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.bootstrap.Dashcache;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stale-while-revalidate end to end, on an instance whose clock the test moves. System status lives
 * 60 s (fresh for 54 to 60 s with jitter) and may be served stale for 15 s more.
 */
class StaleWhileRevalidateTest {

    private static final String STATUS = "/api/dashboard/system-status";
    private static final String ENGINE_STATUS = "/v1/system_status";

    /** Counts the engine's answers once they are fully sent: "has the engine answered yet?" */
    private static final class AnswersSent implements ServeEventListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
            count.incrementAndGet();
        }

        @Override
        public String getName() {
            return "answers-sent";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }
    }

    private final AnswersSent answered = new AnswersSent();
    private final WireMockServer engine = new WireMockServer(options().dynamicPort().extensions(answered));
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private Instances instances;

    @BeforeEach
    void start() {
        engine.start();
        instances = new Instances(engine.baseUrl());
    }

    @AfterEach
    void stop() {
        instances.close();
        engine.stop();
    }

    @Test
    void a_read_in_the_grace_period_answers_stale_at_once_and_one_refresh_follows() {
        engine.stubFor(get(urlPathEqualTo(ENGINE_STATUS))
                .willReturn(okJson("{\"status\":\"green\"}").withFixedDelay(1000)));
        Dashcache instance = instances.start(clock);
        assertThat(Instances.xCache(instances.get(instance, STATUS))).isEqualTo("MISS");
        await().atMost(Duration.ofSeconds(5)).until(() -> answered.count.get() == 1);
        clock.advance(Duration.ofSeconds(61));

        HttpResponse<String> stale = instances.get(instance, STATUS);
        int answersWhenStaleArrived = answered.count.get();
        HttpResponse<String> staleAgain = instances.get(instance, STATUS);

        assertThat(Instances.xCache(stale)).isEqualTo("STALE");
        assertThat(stale.body()).isEqualTo("{\"status\":\"green\"}");
        assertThat(answersWhenStaleArrived).as("the engine had not answered the refresh yet").isEqualTo(1);
        assertThat(Instances.xCache(staleAgain)).isEqualTo("STALE");
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.count.get() == 2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Instances.xCache(instances.get(instance, STATUS)).equals("L1_HIT"));
        engine.verify(2, getRequestedFor(urlPathEqualTo(ENGINE_STATUS)));
    }

    @Test
    void with_the_engine_failing_the_stale_value_is_served_through_the_grace_period_then_a_json_502() {
        engine.stubFor(get(urlPathEqualTo(ENGINE_STATUS)).willReturn(okJson("{\"status\":\"green\"}")));
        Dashcache instance = instances.start(clock);
        instances.get(instance, STATUS);
        engine.stubFor(get(urlPathEqualTo(ENGINE_STATUS)).willReturn(serverError().withBody("engine on fire")));

        for (int seconds : new int[] {61, 64, 68}) {
            moveTo(seconds);
            HttpResponse<String> read = instances.get(instance, STATUS);
            assertThat(read.statusCode()).as("at %d s", seconds).isEqualTo(200);
            assertThat(Instances.xCache(read)).isEqualTo("STALE");
            assertThat(read.body()).isEqualTo("{\"status\":\"green\"}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> answered.count.get() >= 2); // refreshes were tried
        moveTo(76); // past any entry's grace period

        HttpResponse<String> failed = instances.get(instance, STATUS);

        Instances.assertJsonError(failed, 502, "engine_failing");
    }

    /** Sets the instance's clock to {@code seconds} after the first load. */
    private void moveTo(int seconds) {
        clock.advance(Duration.between(clock.instant(), START.plusSeconds(seconds)));
    }
}
