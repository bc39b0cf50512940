package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND} on, an event's stale keys that both instances
 * had read are loaded again before anyone asks, once across the two (the lease), and the next read on
 * either is a hit on the new data.
 */
class RefreshOnInvalidationTest extends EndToEndTest {

    private Dashcache a;
    private Dashcache b;

    @BeforeEach
    void startTwoRefreshingInstances() {
        Map<String, String> refreshing = Map.of("DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND", "100",
                "DASHCACHE_WARM_ON_FIRST_READ", "false");
        a = instances.start("instance-a", refreshing);
        b = instances.start("instance-b", refreshing);
        instances.awaitSubscribed(2);
    }

    @Test
    void after_an_event_the_read_overview_is_fresh_on_both_instances_before_anyone_asks_and_loaded_once() {
        ApiRead overview = ApiRead.overview("42");
        engine.answers(overview.engine(), overview.body("old"));
        assertThat(Api.get(a, overview).cache()).isEqualTo("MISS");
        assertThat(Api.get(b, overview).cache()).isEqualTo("L2_HIT");

        engine.answers(overview.engine(), overview.body("new"));
        instances.redis().publishEvent(instances.eventsStream(), EngineEvents.detectionCreated("42"));

        // the refresh loads it once (one instance holds the lease, the other finds it in L2 or skips)
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.requestsFor(overview.engine()).size() == 2);
        for (Dashcache instance : List.of(a, b, a, b)) {
            Reply reply = Api.get(instance, overview);
            assertThat(reply.text()).isEqualTo(overview.body("new"));
            assertThat(reply.cache()).as("%s", reply).isIn("L1_HIT", "L2_HIT");
        }
        assertThat(engine.requestsFor(overview.engine())).as("no reader paid for the event").hasSize(2);
    }
}
