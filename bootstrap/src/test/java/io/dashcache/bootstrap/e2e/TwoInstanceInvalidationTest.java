package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.Dashcache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The issue this project exists for: no stale dashboard after an engine event. Two instances A and
 * B share one Redis prefix and one engine; the engine's data changes, an event says so, and both
 * instances must show the new data soon and never the old again.
 */
class TwoInstanceInvalidationTest extends TwoInstancesTest {

    private static final String USER = "42";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    @Test
    void a_detection_event_on_the_stream_makes_both_instances_show_the_new_overview_and_never_the_old_again() {
        ApiRead overview = ApiRead.overview(USER);
        cacheEverywhere(overview, "old");

        engine.answers(overview.engine(), overview.body("new"));
        instances.redis().publishEvent(instances.eventsStream(), EngineEvents.detectionCreated(USER));

        assertThatBothShowOnlyNewDataOnceTheyShowIt(overview, "old", "new");
    }

    @Test
    void a_detection_event_posted_to_one_instance_makes_both_show_the_new_overview_and_never_the_old_again() {
        ApiRead overview = ApiRead.overview(USER);
        cacheEverywhere(overview, "old");

        engine.answers(overview.engine(), overview.body("new"));
        Reply posted = Api.post(a, "/api/events", EngineEvents.detectionCreated(USER));
        assertThat(posted.status()).as("%s", posted).isEqualTo(200);
        assertThat(posted.json().path("results").path(0).path("outcome").asText()).isEqualTo("APPLIED");

        assertThatBothShowOnlyNewDataOnceTheyShowIt(overview, "old", "new");
    }

    @Test
    void an_event_for_another_user_leaves_the_cached_overview_an_l1_hit_on_both_instances() {
        ApiRead overview42 = ApiRead.overview(USER);
        ApiRead overview7 = ApiRead.overview("7");
        cacheEverywhere(overview42, "old");
        cacheEverywhere(overview7, "old");

        engine.answers(overview7.engine(), overview7.body("new"));
        instances.redis().publishEvent(instances.eventsStream(), EngineEvents.detectionCreated("7"));
        // user 7's new data on both proves the event was applied and its broadcast reached both
        new Convergence(List.of(a, b), overview7).awaitEverywhere(overview7.body("new"), VISIBLE_WITHIN);

        for (Dashcache instance : List.of(a, b)) {
            Reply reply = Api.get(instance, overview42);
            assertThat(reply.cache()).as("user 42's overview after user 7's event: %s", reply).isEqualTo("L1_HIT");
            assertThat(reply.text()).isEqualTo(overview42.body("old"));
        }
        assertThat(engine.requestsFor(overview42.engine())).hasSize(1);
    }

    @Test
    void a_preferences_event_invalidates_preferences_and_widgets_but_not_the_overview() {
        ApiRead overview = ApiRead.overview(USER);
        ApiRead preferences = ApiRead.preferences(USER);
        ApiRead heatmap = ApiRead.widget(USER, "heatmap");
        for (ApiRead read : List.of(overview, preferences, heatmap)) {
            cacheEverywhere(read, "old");
            engine.answers(read.engine(), read.body("new"));
        }

        instances.redis().publishEvent(instances.eventsStream(), EngineEvents.of("preferences.updated", USER));

        assertThatBothShowOnlyNewDataOnceTheyShowIt(preferences, "old", "new");
        assertThatBothShowOnlyNewDataOnceTheyShowIt(heatmap, "old", "new");
        for (Dashcache instance : List.of(a, b)) {
            Reply reply = Api.get(instance, overview);
            assertThat(reply.cache()).as("overview after preferences.updated: %s", reply).isEqualTo("L1_HIT");
            assertThat(reply.text()).isEqualTo(overview.body("old"));
        }
    }

    @Test
    void a_preferences_write_on_one_instance_goes_to_the_engine_and_the_other_instance_loads_fresh_preferences() {
        ApiRead preferences = ApiRead.preferences(USER);
        cacheEverywhere(preferences, "old");
        engine.acceptsPreferences(USER, "{\"theme\":\"light\",\"userId\":\"42\"}");
        engine.answers(preferences.engine(), preferences.body("new"));

        String written = "{\"theme\": \"light\"}";
        Reply put = Api.put(a, "/api/dashboard/preferences", USER, written);

        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.text()).isEqualTo("{\"theme\":\"light\",\"userId\":\"42\"}");
        assertThat(engine.preferenceWrites(USER)).singleElement()
                .satisfies(request -> assertThat(request.getBody()).isEqualTo(written.getBytes(StandardCharsets.UTF_8)));
        // B drops its copy when the broadcast arrives (milliseconds); its first fresh answer is a load
        Convergence onB = new Convergence(List.of(b), preferences);
        onB.awaitEverywhere(preferences.body("new"), VISIBLE_WITHIN);
        assertThat(onB.firstAnswerWith(b, preferences.body("new")).cache()).isEqualTo("MISS");
        onB.keepReading(preferences.body("new"), 20);
        onB.assertMovedOnlyForward(preferences.body("old"), preferences.body("new"));
        assertThat(engine.requestsFor(preferences.engine())).hasSize(2);
    }

    @Test
    void an_analysis_submitted_on_one_instance_goes_to_the_engine_and_both_show_the_new_overview() {
        ApiRead overview = ApiRead.overview(USER);
        cacheEverywhere(overview, "old");
        engine.acceptsAnalyses(USER, "{\"analysisId\":\"a-1\",\"status\":\"queued\"}");
        engine.answers(overview.engine(), overview.body("new"));

        Reply submitted = Api.post(a, "/api/analyses", "{\"videoUrl\":\"s3://videos/1.mp4\"}", USER);

        assertThat(submitted.status()).as("%s", submitted).isEqualTo(202);
        assertThat(submitted.text()).isEqualTo("{\"analysisId\":\"a-1\",\"status\":\"queued\"}");
        assertThat(engine.analysisSubmissions(USER)).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).isEqualTo("{\"videoUrl\":\"s3://videos/1.mp4\"}"));
        assertThatBothShowOnlyNewDataOnceTheyShowIt(overview, "old", "new");
    }

    @Test
    void an_unreadable_stream_entry_goes_to_the_dead_letters_and_the_next_event_is_still_applied() {
        ApiRead overview = ApiRead.overview(USER);
        cacheEverywhere(overview, "old");
        engine.answers(overview.engine(), overview.body("new"));

        instances.redis().publishEvent(instances.eventsStream(), "{\"type\":\"detection.created\",\"userId\":\"a*b\"}");
        instances.redis().publishEvent(instances.eventsStream(), EngineEvents.detectionCreated(USER));

        assertThatBothShowOnlyNewDataOnceTheyShowIt(overview, "old", "new");
        assertThat(instances.redis().entries(instances.eventsStream() + ":dead")).singleElement().satisfies(dead -> {
            assertThat(dead.get("event")).contains("a*b");
            assertThat(dead.get("reason")).isNotBlank();
        });
    }

    /** The engine serves {@code version}; B loads it (MISS, then L1_HIT) and A takes it from L2, then from L1. */
    private void cacheEverywhere(ApiRead read, String version) {
        engine.answers(read.engine(), read.body(version));
        assertThat(Api.get(b, read).cache()).isEqualTo("MISS");
        assertThat(Api.get(b, read).cache()).isEqualTo("L1_HIT");
        assertThat(Api.get(a, read).cache()).isEqualTo("L2_HIT");
        Reply onA = Api.get(a, read);
        assertThat(onA.cache()).isEqualTo("L1_HIT");
        assertThat(onA.text()).isEqualTo(read.body(version));
    }

    private void assertThatBothShowOnlyNewDataOnceTheyShowIt(ApiRead read, String before, String after) {
        Convergence both = new Convergence(List.of(a, b), read);
        both.awaitEverywhere(read.body(after), VISIBLE_WITHIN);
        both.keepReading(read.body(after), 20);

        both.assertMovedOnlyForward(read.body(before), read.body(after));
    }
}
