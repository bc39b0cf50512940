package io.dashcache.application.changefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dashcache.application.port.in.changefeed.TooManyStreamsException;
import io.dashcache.application.port.in.changefeed.WatchDashboardChanges.Subscription;
import io.dashcache.application.port.messages.ChangeListener;
import io.dashcache.application.port.messages.ChangeScope;
import io.dashcache.application.port.messages.DashboardChange;
import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.application.testing.MutableClock;
import io.dashcache.domain.DataType;
import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.InvalidationRule;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {

    private static final UserId U42 = UserId.of("42");
    private static final UserId U7 = UserId.of("7");

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final ChangeFeed feed = new ChangeFeed(new ChangeFeedSettings(10, 3, 100, Duration.ofMinutes(10)), clock,
            "feed1");

    /** A client's stream with a bounded buffer. */
    private static final class Client implements ChangeListener {
        final List<DashboardChange> received = new ArrayList<>();
        final int capacity;
        boolean dropped;

        Client(int capacity) {
            this.capacity = capacity;
        }

        Client() {
            this(1_000);
        }

        @Override
        public boolean offer(DashboardChange change) {
            if (received.size() == capacity) {
                return false;
            }
            received.add(change);
            return true;
        }

        @Override
        public void dropped() {
            dropped = true;
        }

        List<String> parts() {
            return received.stream().map(change -> change.scope().wireName() + ":" + change.typeName()).toList();
        }

        String lastId() {
            return received.get(received.size() - 1).id();
        }
    }

    private static InvalidationMessage detectionFor(UserId user, String eventId) {
        EngineEvent event = new EngineEvent(eventId, EventType.DETECTION_CREATED, user, List.of(),
                Instant.parse("2026-11-25T10:00:00Z"), null, null);
        return InvalidationMessage.ofScopes("instance-b", InvalidationRule.staleScopes(event), eventId);
    }

    @Test
    void a_detection_tells_the_users_watchers_each_stale_part_with_the_event_id_their_own_parts_first() {
        Client client = new Client();
        feed.watch(U42, null, client);

        feed.invalidated(detectionFor(U42, "e-1"));

        assertThat(client.received).extracting(DashboardChange::scope, DashboardChange::type, DashboardChange::eventId)
                .containsExactly(
                        tuple(ChangeScope.USER, DataType.OVERVIEW, "e-1"),
                        tuple(ChangeScope.USER, DataType.RECENT_ACTIVITY, "e-1"),
                        tuple(ChangeScope.USER, DataType.NOTIFICATIONS, "e-1"),
                        tuple(ChangeScope.USER, DataType.WIDGET_DATA, "e-1"),
                        tuple(ChangeScope.GLOBAL, DataType.ANALYTICS, "e-1"),
                        tuple(ChangeScope.GLOBAL, DataType.AGGREGATED_ANALYTICS, "e-1"));
        assertThat(client.received).extracting(DashboardChange::id)
                .containsExactly("feed1-1", "feed1-2", "feed1-3", "feed1-4", "feed1-5", "feed1-6");
    }

    @Test
    void another_users_watcher_hears_only_the_global_parts() {
        Client mine = new Client();
        Client theirs = new Client();
        feed.watch(U42, null, mine);
        feed.watch(U7, null, theirs);

        feed.invalidated(detectionFor(U42, "e-1"));

        assertThat(theirs.parts()).containsExactly("global:analytics", "global:aggregated_analytics");
        assertThat(mine.parts()).hasSize(6);
    }

    @Test
    void every_watcher_of_the_user_hears_it() {
        Client tab = new Client();
        Client phone = new Client();
        feed.watch(U42, null, tab);
        feed.watch(U42, null, phone);

        feed.invalidated(InvalidationMessage.ofScopes("me", Set.of(Scope.ofUser(DataType.USER_PREFERENCES, U42))));

        assertThat(tab.parts()).containsExactly("user:user_preferences");
        assertThat(phone.received).isEqualTo(tab.received);
        assertThat(tab.received.get(0).eventId()).as("no event caused it").isNull();
    }

    @Test
    void a_type_wide_invalidation_reaches_every_watcher_and_everything_is_a_reload() {
        Client mine = new Client();
        Client theirs = new Client();
        feed.watch(U42, null, mine);
        feed.watch(U7, null, theirs);

        feed.invalidated(InvalidationMessage.ofType("op", DataType.WIDGET_DATA));
        feed.invalidated(InvalidationMessage.ofType("op", DataType.SYSTEM_STATUS));
        feed.invalidated(InvalidationMessage.ofEverything("op"));

        assertThat(mine.parts()).containsExactly("user:widget_data", "global:system_status", "reload:*");
        assertThat(theirs.parts()).isEqualTo(mine.parts());
    }

    @Test
    void broadcasts_that_may_have_been_missed_make_every_watcher_reload() {
        Client mine = new Client();
        feed.watch(U42, null, mine);

        feed.invalidationsMayHaveBeenMissed();

        assertThat(mine.parts()).containsExactly("reload:*");
    }

    @Test
    void a_cancelled_watcher_hears_nothing_more() {
        Client client = new Client();
        Subscription watching = feed.watch(U42, null, client);

        watching.cancel();
        watching.cancel();
        feed.invalidated(detectionFor(U42, "e-1"));

        assertThat(client.received).isEmpty();
        assertThat(feed.openStreams()).isZero();
        assertThat(feed.droppedStreams()).isZero();
    }

    // ---- bounds

    @Test
    void a_user_gets_at_most_the_per_user_number_of_streams() {
        for (int i = 0; i < 3; i++) {
            feed.watch(U42, null, new Client());
        }

        assertThatThrownBy(() -> feed.watch(U42, null, new Client()))
                .isInstanceOfSatisfying(TooManyStreamsException.class, refused -> {
                    assertThat(refused.perUser()).isTrue();
                    assertThat(refused.limit()).isEqualTo(3);
                });
        feed.watch(U7, null, new Client());
        assertThat(feed.openStreams()).isEqualTo(4);
    }

    @Test
    void the_instance_gets_at_most_its_number_of_streams_and_a_cancel_frees_a_place() {
        List<Subscription> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(feed.watch(UserId.of("u" + i), null, new Client()));
        }

        assertThatThrownBy(() -> feed.watch(U42, null, new Client()))
                .isInstanceOfSatisfying(TooManyStreamsException.class, refused -> {
                    assertThat(refused.perUser()).isFalse();
                    assertThat(refused.limit()).isEqualTo(10);
                });
        all.get(0).cancel();
        feed.watch(U42, null, new Client());
        assertThat(feed.openStreams()).isEqualTo(10);
    }

    @Test
    void a_watcher_that_cannot_keep_up_is_dropped_told_and_counted_while_the_others_hear_everything() {
        Client slow = new Client(2);
        Client fast = new Client();
        feed.watch(U42, null, slow);
        feed.watch(U42, null, fast);

        feed.invalidated(detectionFor(U42, "e-1"));
        feed.invalidated(detectionFor(U42, "e-2"));

        assertThat(slow.dropped).isTrue();
        assertThat(slow.received).hasSize(2);
        assertThat(fast.dropped).isFalse();
        assertThat(fast.received).hasSize(12);
        assertThat(feed.openStreams()).isEqualTo(1);
        assertThat(feed.droppedStreams()).isEqualTo(1);
    }

    @Test
    void dropping_a_watcher_tells_it_once_and_counts_it_once() {
        Client client = new Client();
        Subscription watching = feed.watch(U42, null, client);

        watching.drop();
        watching.drop();
        watching.cancel();

        assertThat(client.dropped).isTrue();
        assertThat(feed.droppedStreams()).isEqualTo(1);
        assertThat(feed.openStreams()).isZero();
    }

    // ---- reconnecting with Last-Event-ID

    @Test
    void a_reconnecting_client_hears_each_part_it_missed_once_with_its_latest_id() {
        Client before = new Client();
        Subscription first = feed.watch(U42, null, before);
        feed.invalidated(detectionFor(U42, "e-1"));
        String lastSeen = before.lastId();
        first.cancel();
        feed.invalidated(detectionFor(U42, "e-2"));
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(Scope.ofUser(DataType.OVERVIEW, U7))));
        feed.invalidated(InvalidationMessage.ofScopes("b", Set.of(Scope.ofUser(DataType.OVERVIEW, U42)), "e-3"));

        Client after = new Client();
        feed.watch(U42, lastSeen, after);

        assertThat(after.parts()).containsExactly("user:recent_activity", "user:notifications", "user:widget_data",
                "global:analytics", "global:aggregated_analytics", "user:overview");
        assertThat(after.received).extracting(DashboardChange::eventId)
                .containsExactly("e-2", "e-2", "e-2", "e-2", "e-2", "e-3");
        assertThat(after.lastId()).isEqualTo("feed1-14");
    }

    @Test
    void a_client_that_missed_nothing_hears_nothing_and_then_the_live_changes() {
        Client before = new Client();
        feed.watch(U42, null, before).cancel();
        feed.invalidated(detectionFor(U42, "e-1"));
        Client catchingUp = new Client();
        feed.watch(U42, null, catchingUp);
        feed.invalidated(detectionFor(U7, "e-2"));
        String lastSeen = catchingUp.lastId();

        Client after = new Client();
        feed.watch(U42, lastSeen, after);
        feed.invalidated(detectionFor(U42, "e-3"));

        assertThat(after.received).extracting(DashboardChange::eventId).containsOnly("e-3").hasSize(6);
    }

    @Test
    void an_id_of_another_feed_or_no_id_at_all_gets_one_reload_with_the_latest_id() {
        feed.invalidated(detectionFor(U42, "e-1"));

        for (String unknown : List.of("other-3", "feed1-x", "feed1", "-3", "feed1-99", "feed1--1", "", "feed2-1")) {
            Client client = new Client();
            feed.watch(U42, unknown, client).cancel();
            assertThat(client.received).as(unknown).containsExactly(DashboardChange.reload("feed1-6"));
        }
    }

    @Test
    void an_id_older_than_what_the_feed_remembers_gets_a_reload() {
        ChangeFeed small = new ChangeFeed(new ChangeFeedSettings(10, 3, 6, Duration.ofMinutes(10)), clock, "small");
        small.invalidated(detectionFor(U42, "e-1"));
        small.invalidated(detectionFor(U42, "e-2"));

        Client justRemembered = new Client();
        small.watch(U42, "small-6", justRemembered);
        Client forgotten = new Client();
        small.watch(U42, "small-5", forgotten);

        assertThat(justRemembered.received).extracting(DashboardChange::eventId).containsOnly("e-2").hasSize(6);
        assertThat(forgotten.parts()).containsExactly("reload:*");
    }

    @Test
    void an_id_from_before_the_retention_gets_a_reload() {
        feed.invalidated(detectionFor(U42, "e-1"));
        clock.advance(Duration.ofMinutes(9));
        feed.invalidated(detectionFor(U42, "e-2"));
        clock.advance(Duration.ofMinutes(2));

        Client recent = new Client();
        feed.watch(U42, "feed1-6", recent);
        Client old = new Client();
        feed.watch(U42, "feed1-3", old);

        assertThat(recent.received).extracting(DashboardChange::eventId).containsOnly("e-2").hasSize(6);
        assertThat(old.parts()).containsExactly("reload:*");
    }

    @Test
    void a_reload_among_the_missed_changes_is_what_the_client_hears() {
        feed.invalidated(detectionFor(U42, "e-1"));
        feed.invalidated(InvalidationMessage.ofEverything("op"));
        feed.invalidated(detectionFor(U42, "e-2"));

        Client client = new Client();
        feed.watch(U42, "feed1-6", client);

        assertThat(client.received).containsExactly(DashboardChange.reload("feed1-13"));
    }

    @Test
    void a_client_too_slow_even_for_its_replay_is_dropped_at_once() {
        feed.invalidated(detectionFor(U42, "e-1"));
        Client tiny = new Client(1);

        feed.watch(U42, "feed1-0", tiny);

        assertThat(tiny.dropped).isTrue();
        assertThat(feed.openStreams()).isZero();
        assertThat(feed.droppedStreams()).isEqualTo(1);
    }

    @Test
    void a_feed_id_must_be_plain_letters_and_digits() {
        assertThatThrownBy(() -> new ChangeFeed(ChangeFeedSettings.defaults(), clock, "a-b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ChangeFeed(ChangeFeedSettings.defaults(), clock).openStreams()).isZero();
    }
}
