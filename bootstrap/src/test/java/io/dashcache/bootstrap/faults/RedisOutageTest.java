package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.adapters.events.RedisStreamEventConsumer;
import io.dashcache.bootstrap.wiring.BackgroundWork;
import io.dashcache.testsupport.PrivateRedisServer;
import io.dashcache.testsupport.PrometheusExposition;
import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * Redis dies in the middle of traffic and comes back: a private redis-server is killed (SIGKILL)
 * under 8 threads of reads, then started again on the same port, empty.
 */
class RedisOutageTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final String prefix = RedisTestServer.uniquePrefix();
    private PrivateRedisServer redis;
    private EngineStub engine;
    private RunningInstance instance;

    @BeforeEach
    void start() {
        redis = PrivateRedisServer.start();
        engine = new EngineStub();
        instance = RunningInstance.start(Map.of(
                "DASHCACHE_REDIS_URL", redis.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix,
                "DASHCACHE_REDIS_TIMEOUT_MS", "200",
                "DASHCACHE_REDIS_BREAKER_OPEN_MS", "1000"));
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
        redis.close();
    }

    private void addEvent(String eventId, String user) {
        try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            client.xadd(prefix + ":events", StreamEntryID.NEW_ENTRY, Map.of("event",
                    "{\"eventId\":\"" + eventId + "\",\"type\":\"detection.created\",\"userId\":\"" + user
                            + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}"));
        }
    }

    private String overview(String user) {
        return RunningInstance.text(instance.get("/api/dashboard/overview", "X-User-Id", user));
    }

    /** What {@code /metrics} says of the Redis circuit: 0 closed, 1 half open, 2 open. */
    private double breakerState() {
        return PrometheusExposition.parse(RunningInstance.text(instance.get("/metrics")))
                .value("dashcache_redis_breaker_state", Map.of());
    }

    /** An event's effect: the user's data, cached as v1, reads as v2 once the event is applied. */
    private void eventMakesFreshDataVisible(String eventId, String user) {
        engine.answerUser(user, "{\"user\":\"" + user + "\",\"v\":1}");
        assertThat(overview(user)).contains("\"v\":1");
        engine.answerUser(user, "{\"user\":\"" + user + "\",\"v\":2}");
        assertThat(overview(user)).as("cached until the event").contains("\"v\":1");

        addEvent(eventId, user);

        await().atMost(SETTLE).untilAsserted(() -> assertThat(overview(user)).contains("\"v\":2"));
    }

    @Test
    void reads_never_fail_while_redis_dies_and_comes_back_and_health_l1_and_events_follow() throws Exception {
        await().atMost(SETTLE).until(() -> instance.healthStatus().equals("UP"));
        for (int i = 0; i < 20; i++) {
            instance.get("/api/dashboard/overview", "X-User-Id", "warm-" + i);
        }
        HttpResponse<byte[]> kept = instance.get("/api/dashboard/notifications", "X-User-Id", "kept");
        assertThat(RunningInstance.xCache(kept)).isEqualTo("MISS");
        eventMakesFreshDataVisible("before-kill", "evented");

        try (CapturedLog log = new CapturedLog();
             HealthWatcher health = new HealthWatcher(instance);
             LoadGenerator load = new LoadGenerator(instance, 8, Duration.ofSeconds(60), n -> n % 3 == 0
                     // loadable: a new user now and then, cached ones mostly
                     ? new LoadGenerator.Read("/api/dashboard/widgets/w" + (n % 5), "load-" + (n % 400))
                     : new LoadGenerator.Read("/api/dashboard/overview", "warm-" + (n % 20)))) {
            await().atMost(SETTLE).until(() -> load.requests() > 300);

            assertThat(breakerState()).as("dashcache_redis_breaker_state while Redis answers: closed").isZero();
            redis.kill();
            await().atMost(SETTLE).until(() -> instance.healthStatus().equals("DEGRADED"));
            // open (2) or probing (1), never closed, while Redis is gone
            await().atMost(SETTLE).until(() -> breakerState() > 0);
            long beforeOutageLoad = load.requests();
            await().atMost(SETTLE).until(() -> load.requests() > beforeOutageLoad + 300);
            HttpResponse<byte[]> keptDuringOutage = instance.get("/api/dashboard/notifications", "X-User-Id", "kept");
            assertThat(keptDuringOutage.statusCode()).isEqualTo(200);
            // the subscription broke with Redis: broadcasts may be missed, so L1 answers nothing until it is back
            assertThat(RunningInstance.xCache(keptDuringOutage)).isEqualTo("MISS");

            redis.restart();
            // the watcher polls on its own: wait until it, too, has seen the recovery
            await().atMost(SETTLE).until(() -> health.transitions().containsAll(java.util.List.of("DEGRADED"))
                    && health.transitions().get(health.transitions().size() - 1).equals("UP"));
            await().atMost(SETTLE).until(() -> breakerState() == 0);
            long afterRecoveryLoad = load.requests();
            await().atMost(SETTLE).until(() -> load.requests() > afterRecoveryLoad + 100);
            load.close();
            health.close();

            assertThat(load.failures()).as("failed requests of %d", load.requests()).isEmpty();
            assertThat(health.transitions()).containsSubsequence("UP", "DEGRADED", "UP");
            assertThat(load.slowest()).as("slowest read").isLessThan(Duration.ofSeconds(3));
            assertThat(log.count("keeps failing: circuit open")).as("outage log lines").isEqualTo(1);
        }

        // L1 was flushed when Redis came back: what it held through the outage is read again
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(RunningInstance.xCache(
                instance.get("/api/dashboard/notifications", "X-User-Id", "kept"))).isNotEqualTo("L1_HIT"));

        // the consumer found its (re-created) group again: events after the restart are applied through Redis
        eventMakesFreshDataVisible("after-restart", "evented-later");
        try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            await().atMost(SETTLE).untilAsserted(() -> {
                assertThat(client.exists(prefix + ":event:after-restart")).as("applied marker").isTrue();
                assertThat(client.xpending(prefix + ":events", "dashcache").getTotal()).as("pending").isZero();
            });
        }
        RedisStreamEventConsumer consumer = instance.dashcache().part(BackgroundWork.class).consumer().orElseThrow();
        assertThat(consumer.stats().deadLettered()).isZero();
    }

    @Test
    void a_hung_redis_costs_a_read_at_most_its_timeout_until_the_circuit_opens_and_nothing_once_it_thaws()
            throws Exception {
        await().atMost(SETTLE).until(() -> instance.healthStatus().equals("UP"));
        eventMakesFreshDataVisible("before-freeze", "evented");
        try (HealthWatcher health = new HealthWatcher(instance);
             LoadGenerator load = new LoadGenerator(instance, 8, Duration.ofSeconds(60),
                     n -> new LoadGenerator.Read("/api/dashboard/recent-activity", "user-" + (n % 200)))) {
            await().atMost(SETTLE).until(() -> load.requests() > 300);

            redis.freeze();
            await().atMost(SETTLE).until(() -> instance.healthStatus().equals("DEGRADED"));
            long frozenLoad = load.requests();
            await().atMost(SETTLE).until(() -> load.requests() > frozenLoad + 300);

            redis.thaw();
            await().atMost(SETTLE).until(() -> health.transitions().containsAll(java.util.List.of("DEGRADED"))
                    && health.transitions().get(health.transitions().size() - 1).equals("UP"));
            load.close();
            health.close();

            assertThat(load.failures()).as("failed requests of %d", load.requests()).isEmpty();
            // one Redis timeout (200 ms) for a read, one for its write-back, plus the engine: never the 10 s client bound
            assertThat(load.slowest()).as("slowest read").isLessThan(Duration.ofSeconds(2));
            assertThat(health.transitions()).containsSubsequence("UP", "DEGRADED", "UP");
        }
        // Redis kept its data through the freeze: the event memory and the stream are intact
        eventMakesFreshDataVisible("after-thaw", "evented-later");
    }
}
