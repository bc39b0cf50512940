package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.application.changefeed.ChangeFeed;
import io.dashcache.application.changefeed.ChangeFeedSettings;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import io.dashcache.testsupport.EventStreamClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Under {@code DASHCACHE_AUTH=jwt} the stream is the token subject's, as the reads are. */
class ChangeStreamJwtTest extends RunningServer {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ChangeFeed feed = new ChangeFeed(ChangeFeedSettings.defaults(), Clock.systemUTC());
    private final List<EventStreamClient> streams = new ArrayList<>();
    private DashboardChangeStream changes;

    @Override
    AuthSettings auth() {
        return AuthSettings.jwt(JwtAuthenticationTest.SECRET, null, Duration.ofSeconds(30));
    }

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        changes = new DashboardChangeStream(feed, auth(), ChangeStreamSettings.defaults().withHeartbeat(Duration.ofMillis(100)));
        return List.of(changes);
    }

    @AfterEach
    void closeTheStreams() {
        streams.forEach(EventStreamClient::close);
        await().atMost(PATIENCE).until(() -> feed.openStreams() == 0);
    }

    @AfterAll
    void stopTheWriters() {
        changes.close();
    }

    private EventStreamClient open(String... headers) {
        EventStreamClient stream = EventStreamClient.open(URI.create("http://127.0.0.1:" + port + "/api/dashboard/changes"),
                headers);
        streams.add(stream);
        return stream;
    }

    private static InvalidationMessage overviewOf(String user, String eventId) {
        return InvalidationMessage.ofScopes("b", Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of(user))), eventId);
    }

    @Test
    void the_stream_is_the_token_subjects_whatever_x_user_id_says() {
        EventStreamClient alice = open("Authorization", "Bearer " + JwtAuthenticationTest.hs256For("alice"),
                "X-User-Id", "bob");
        assertThat(alice.status()).isEqualTo(200);
        alice.awaitComment("connected", PATIENCE);

        feed.invalidated(overviewOf("bob", "e-bob"));
        feed.invalidated(overviewOf("alice", "e-alice"));

        assertThat(alice.nextEvent(PATIENCE).data()).contains("\"eventId\":\"e-alice\"");
        assertThat(alice.pollEvent(Duration.ofMillis(200))).isNull();
    }

    @Test
    void a_stream_without_a_valid_token_is_401_with_a_bearer_challenge() {
        EventStreamClient anonymous = open("X-User-Id", "alice");
        EventStreamClient forged = open("Authorization", "Bearer not-a-token");

        for (EventStreamClient refused : List.of(anonymous, forged)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(refused.awaitEnd(PATIENCE)).contains("\"error\":\"unauthorized\"");
        }
        assertThat(feed.openStreams()).isZero();
    }
}
