package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stale set: a load that began before an invalidation must not store what it loaded after it.
 * The engine answers slowly with the old data; while that answer is on its way the data changes
 * and the invalidation is applied; the slow answer still reaches its caller, but neither Redis nor
 * any later read may see it again.
 */
class StaleSetRaceTest extends EndToEndTest {

    private static final Duration SLOW = Duration.ofMillis(800);

    private final ApiRead overview = ApiRead.overview("42");
    private final String oldData = overview.body("old");
    private final String newData = overview.body("new");
    private ExecutorService caller;

    @BeforeEach
    void startCaller() {
        caller = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopCaller() throws InterruptedException {
        caller.shutdownNow();
        assertThat(caller.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void an_event_applied_while_a_load_is_in_flight_keeps_the_loaded_old_data_out_of_the_cache() {
        Dashcache instance = instances.start("race-1");

        CompletableFuture<Reply> slowRead = startSlowLoadOfOldData(instance);
        applyAnEventWhileItIsInFlight(instance, slowRead);

        assertThatTheOldDataIsStoredNowhere(instance, slowRead);
    }

    @Test
    void an_event_applied_on_another_instance_while_a_load_is_in_flight_keeps_the_old_data_out_of_the_cache() {
        Dashcache loading = instances.start("race-loader");
        Dashcache applying = instances.start("race-applier");
        instances.awaitSubscribed(2);

        CompletableFuture<Reply> slowRead = startSlowLoadOfOldData(loading);
        applyAnEventWhileItIsInFlight(applying, slowRead);

        assertThatTheOldDataIsStoredNowhere(loading, slowRead);
    }

    @Test
    void a_read_that_starts_after_the_event_gets_the_new_data_not_the_load_that_began_before_it() {
        Dashcache instance = instances.start("race-join");
        CompletableFuture<Reply> slowRead = startSlowLoadOfOldData(instance);
        applyAnEventWhileItIsInFlight(instance, slowRead);

        // (it may wait for the old load's lease to be given back; it must not take that load's answer)
        Reply afterTheEvent = Api.get(instance, overview);

        assertThat(afterTheEvent.text()).as("a read begun after the event").isEqualTo(newData);
        assertThat(slowRead.join().text()).isEqualTo(oldData);
        Reply next = Api.get(instance, overview);
        assertThat(next.cache()).isEqualTo("L1_HIT");
        assertThat(next.text()).isEqualTo(newData);
        assertThat(storedOverview()).doesNotContain(bytesOf(oldData));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"type\":\"overview\"}", "{\"all\":true}", "{\"userId\":\"42\"}"})
    void an_operator_invalidation_on_another_instance_while_a_load_is_in_flight_keeps_the_old_data_out(String request) {
        Dashcache loading = instances.start("race-op-loader");
        Dashcache operated = instances.start("race-op-operated");
        instances.awaitSubscribed(2);

        CompletableFuture<Reply> slowRead = startSlowLoadOfOldData(loading);
        engine.answers(overview.engine(), newData);
        Reply invalidated = Api.post(operated, "/api/cache/invalidate", request);
        assertThat(invalidated.status()).as("%s", invalidated).isEqualTo(200);
        assertThat(slowRead).as("the slow load was still in flight when the operator invalidated").isNotDone();

        assertThatTheOldDataIsStoredNowhere(loading, slowRead);
        Reply onTheOther = Api.get(operated, overview);
        assertThat(onTheOther.cache()).isEqualTo("L2_HIT");
        assertThat(onTheOther.text()).isEqualTo(newData);
    }

    private CompletableFuture<Reply> startSlowLoadOfOldData(Dashcache instance) {
        engine.answersSlowly(overview.engine(), oldData, SLOW);
        CompletableFuture<Reply> slowRead = CompletableFuture.supplyAsync(() -> Api.get(instance, overview), caller);
        await("the engine received the slow load").pollInSameThread().pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(2)).until(() -> engine.requestsFor(overview.engine()).size() == 1);
        return slowRead;
    }

    /** The engine's data changes, then it says so: as a real engine announces a detection it has stored. */
    private void applyAnEventWhileItIsInFlight(Dashcache applying, CompletableFuture<Reply> slowRead) {
        engine.answers(overview.engine(), newData);
        Reply applied = Api.post(applying, "/api/events", EngineEvents.detectionCreated("42"));
        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        assertThat(slowRead).as("the slow load was still in flight when the event was applied").isNotDone();
    }

    private void assertThatTheOldDataIsStoredNowhere(Dashcache loading, CompletableFuture<Reply> slowRead) {
        Reply slow = slowRead.join();
        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.text()).as("the slow caller gets what it asked for").isEqualTo(oldData);
        assertThat(storedOverview()).as("Redis after the slow load").doesNotContain(bytesOf(oldData));

        Reply next = Api.get(loading, overview);
        assertThat(next.cache()).isEqualTo("MISS");
        assertThat(next.text()).isEqualTo(newData);
        Reply again = Api.get(loading, overview);
        assertThat(again.cache()).isEqualTo("L1_HIT");
        assertThat(again.text()).isEqualTo(newData);
        assertThat(storedOverview()).contains(bytesOf(newData)).doesNotContain(bytesOf(oldData));
        assertThat(engine.requestsFor(overview.engine())).hasSize(2);
    }

    /**
     * What Redis holds under user 42's overview key (any spelling the contract allows), one char per
     * byte, so that {@link #bytesOf} of a body is found in it exactly when its bytes are stored.
     */
    private String storedOverview() {
        StringBuilder stored = new StringBuilder();
        for (String key : instances.redis().scan(instances.key("overview:user:42") + "*")) {
            byte[] raw = instances.redis().raw(key);
            if (raw != null) {
                stored.append(new String(raw, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return stored.toString();
    }

    private static String bytesOf(String body) {
        return new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
