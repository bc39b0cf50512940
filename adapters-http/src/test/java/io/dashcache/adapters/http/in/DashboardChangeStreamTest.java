package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcache.application.changefeed.ChangeFeed;
import io.dashcache.application.changefeed.ChangeFeedSettings;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.EventStreamClient.Event;
import io.dashcache.testsupport.EventStreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/dashboard/changes} over a real change feed, with a short heartbeat and small caps. */
class DashboardChangeStreamTest extends RunningServer {

    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope OVERVIEW_42 = Scope.ofUser(DataType.OVERVIEW, UserId.of("42"));

    private final ChangeFeed feed = new ChangeFeed(new ChangeFeedSettings(4, 2, 100, Duration.ofMinutes(10)),
            Clock.systemUTC(), "feedt");
    private final List<EventStreamClient> streams = new ArrayList<>();
    private DashboardChangeStream changes;

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        changes = new DashboardChangeStream(feed, auth(),
                ChangeStreamSettings.defaults().withHeartbeat(Duration.ofMillis(100)));
        return List.of(changes);
    }

    @AfterEach
    void closeTheStreams() {
        streams.forEach(EventStreamClient::close);
        streams.clear();
        // the server learns that a client left at its next write: the heartbeat
        await().atMost(PATIENCE).until(() -> feed.openStreams() == 0 && changes.openStreams() == 0);
    }

    @AfterAll
    void stopTheWriters() {
        changes.close();
    }

    EventStreamClient open(String... headers) {
        EventStreamClient stream = EventStreamClient.open(URI.create("http://127.0.0.1:" + port + "/api/dashboard/changes"),
                headers);
        streams.add(stream);
        return stream;
    }

    EventStreamClient connected(String user, String... moreHeaders) {
        List<String> headers = new ArrayList<>(List.of("X-User-Id", user));
        headers.addAll(List.of(moreHeaders));
        EventStreamClient stream = open(headers.toArray(String[]::new));
        assertThat(stream.status()).as("status; body %s", stream.lines()).isEqualTo(200);
        stream.awaitComment("connected", PATIENCE);
        return stream;
    }

    static JsonNode data(Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }

    static String summary(Event event) {
        JsonNode data = data(event);
        return data.path("scope").asText() + ":" + data.path("type").asText() + ":" + data.path("eventId").asText();
    }

    @Test
    void the_stream_is_an_uncached_event_stream() {
        EventStreamClient stream = connected("42");

        HttpResponse<?> response = stream.response();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-cache"));
        // the blank line that ends the greeting may arrive a moment after the comment
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(stream.lines()).startsWith("retry: 2000", ": connected", ""));
    }

    @Test
    void an_invalidation_of_the_users_data_arrives_as_an_event_with_an_id_and_the_json_the_contract_names() {
        EventStreamClient stream = connected("42");

        feed.invalidated(InvalidationMessage.ofScopes("instance-b", Set.of(OVERVIEW_42), "e-123"));

        Event event = stream.nextEvent(PATIENCE);
        assertThat(event.data()).isEqualTo("{\"type\":\"overview\",\"scope\":\"user\",\"eventId\":\"e-123\"}");
        assertThat(event.id()).matches("feedt-[0-9]+");
    }

    @Test
    void global_data_reaches_every_user_and_without_an_event_the_event_id_is_null() {
        EventStreamClient mine = connected("42");
        EventStreamClient theirs = connected("7");

        feed.invalidated(InvalidationMessage.ofType("operator", DataType.SYSTEM_STATUS));

        for (EventStreamClient stream : List.of(mine, theirs)) {
            JsonNode data = data(stream.nextEvent(PATIENCE));
            assertThat(data.path("type").asText()).isEqualTo("system_status");
            assertThat(data.path("scope").asText()).isEqualTo("global");
            assertThat(data.has("eventId")).isTrue();
            assertThat(data.get("eventId").isNull()).isTrue();
        }
    }

    @Test
    void another_users_changes_never_reach_the_stream() {
        EventStreamClient mine = connected("42");
        EventStreamClient theirs = connected("7");

        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(Scope.ofUser(DataType.NOTIFICATIONS, UserId.of("7"))),
                "e-7"));
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(OVERVIEW_42), "e-42"));

        assertThat(summary(theirs.nextEvent(PATIENCE))).isEqualTo("user:notifications:e-7");
        assertThat(summary(mine.nextEvent(PATIENCE))).as("the first event user 42 hears is its own")
                .isEqualTo("user:overview:e-42");
        assertThat(theirs.pollEvent(Duration.ofMillis(300))).isNull();
    }

    @Test
    void an_idle_stream_gets_heartbeat_comments() {
        EventStreamClient stream = connected("42");

        for (int i = 0; i < 3; i++) {
            stream.awaitComment("ping", PATIENCE);
        }
        assertThat(stream.pollEvent(Duration.ZERO)).isNull();
    }

    @Test
    void a_stream_needs_a_user() {
        EventStreamClient stream = open();

        assertThat(stream.status()).isEqualTo(400);
        assertThat(stream.awaitEnd(PATIENCE)).contains("\"error\":\"invalid_request\"").contains("X-User-Id");
    }

    @Test
    void a_user_over_the_per_user_cap_gets_429_json_with_retry_after_and_a_closed_stream_frees_its_place() {
        connected("42");
        EventStreamClient second = connected("42");

        EventStreamClient third = open("X-User-Id", "42");

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(third.response().headers().firstValue("Retry-After")).isPresent();
        assertThat(third.awaitEnd(PATIENCE)).contains("\"error\":\"too_many_streams\"").contains("\"detail\":");

        second.close();
        await().atMost(PATIENCE).until(() -> feed.openStreams() == 1);
        connected("42");
    }

    @Test
    void the_instance_over_its_cap_gets_429() {
        connected("1");
        connected("2");
        connected("3");
        connected("4");

        EventStreamClient fifth = open("X-User-Id", "5");

        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.awaitEnd(PATIENCE)).contains("too_many_streams").contains("this instance");
    }

    @Test
    void a_client_reconnecting_with_last_event_id_hears_what_it_missed_and_then_the_live_changes() {
        EventStreamClient first = connected("42");
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(OVERVIEW_42), "e-1"));
        String lastSeen = first.nextEvent(PATIENCE).id();
        first.close();
        await().atMost(PATIENCE).until(() -> feed.openStreams() == 0);
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(OVERVIEW_42), "e-2"));
        feed.invalidated(InvalidationMessage.ofScopes("b",
                Set.of(Scope.ofUser(DataType.RECENT_ACTIVITY, UserId.of("42"))), "e-3"));

        EventStreamClient again = connected("42", "Last-Event-ID", lastSeen);
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(OVERVIEW_42), "e-4"));

        assertThat(List.of(summary(again.nextEvent(PATIENCE)), summary(again.nextEvent(PATIENCE)),
                summary(again.nextEvent(PATIENCE))))
                .containsExactly("user:overview:e-2", "user:recent_activity:e-3", "user:overview:e-4");
    }

    @Test
    void an_unknown_last_event_id_gets_one_reload_event() {
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(OVERVIEW_42), "e-1"));

        EventStreamClient stream = connected("42", "Last-Event-ID", "someone-elses-7");

        Event reload = stream.nextEvent(PATIENCE);
        assertThat(reload.data()).isEqualTo("{\"type\":\"*\",\"scope\":\"reload\",\"eventId\":null}");
        assertThat(reload.id()).startsWith("feedt-");
        assertThat(stream.pollEvent(Duration.ofMillis(200))).isNull();
    }
}
