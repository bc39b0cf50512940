package io.dashcache.bootstrap.stampede;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dashcache.bootstrap.Dashcache;
import io.dashcache.testsupport.RedisTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 9:00 stampede: everyone opens the same cold dashboard at once, on every instance. */
class CrossInstanceStampedeTest {

    private static final String OVERVIEW = "{\"user\":\"stampede\",\"detections\":1234}";

    private final WireMockServer engine = new WireMockServer(options().dynamicPort().containerThreads(20));
    private Instances instances;
    private ExecutorService clients;

    @BeforeEach
    void start() {
        engine.start();
        engine.stubFor(get(urlPathMatching("/v1/.*")).willReturn(okJson("{\"other\":true}")));
        engine.stubFor(get(urlPathEqualTo("/v1/overview")).willReturn(okJson(OVERVIEW).withFixedDelay(200)));
        instances = new Instances(engine.baseUrl(), redisUrl());
        clients = Executors.newFixedThreadPool(64);
    }

    /** The Redis both instances share: the test server, or (in a subclass) a cluster. */
    protected String redisUrl() {
        return RedisTestServer.url();
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        instances.close();
        engine.stop();
    }

    @Test
    void five_hundred_concurrent_first_reads_of_one_cold_key_over_two_instances_reach_the_engine_once() throws Exception {
        List<Dashcache> both = List.of(instances.start(), instances.start());
        List<Future<HttpResponse<String>>> reads = new ArrayList<>();

        long started = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            Dashcache instance = both.get(i % 2);
            reads.add(clients.submit(() -> instances.get(instance, "/api/dashboard/overview", "X-User-Id", "stampede")));
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Future<HttpResponse<String>> read : reads) {
            HttpResponse<String> response = read.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(OVERVIEW);
            outcomes.merge(Instances.xCache(response), 1, Integer::sum);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        engine.verify(1, getRequestedFor(urlPathEqualTo("/v1/overview")));
        assertThat(outcomes.keySet()).isSubsetOf("MISS", "L1_HIT", "L2_HIT");
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        System.out.printf("500 reads over 2 instances: 1 engine call, %d ms, X-Cache %s%n", took.toMillis(), outcomes);
    }
}
