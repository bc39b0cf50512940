package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.testing.MutableClock;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentUsersTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final RecentUsers users = new RecentUsers(1000, Duration.ofMinutes(10), clock);

    @Test
    void only_a_users_first_read_is_first() {
        assertThat(users.seen(ALICE, null)).isTrue();
        assertThat(users.seen(ALICE, null)).isFalse();
        assertThat(users.seen(BOB, null)).isTrue();
        assertThat(users.seen(ALICE, WidgetType.of("heatmap"))).isFalse();
    }

    @Test
    void the_widgets_a_user_read_are_remembered_up_to_a_bound() {
        users.seen(ALICE, WidgetType.of("heatmap"));
        users.seen(ALICE, WidgetType.of("camera-grid"));
        for (int i = 0; i < 40; i++) {
            users.seen(BOB, WidgetType.of("w" + i));
        }

        assertThat(users.widgetsOf(ALICE)).containsExactlyInAnyOrder(WidgetType.of("heatmap"), WidgetType.of("camera-grid"));
        assertThat(users.widgetsOf(BOB)).hasSize(RecentUsers.MAX_WIDGETS_PER_USER);
        assertThat(users.widgetsOf(UserId.of("nobody"))).isEmpty();
    }

    @Test
    void a_user_seen_in_the_last_generation_is_still_known_with_their_widgets() {
        users.seen(ALICE, WidgetType.of("heatmap"));
        clock.advance(Duration.ofMinutes(11));

        assertThat(users.seen(BOB, null)).isTrue(); // starts a new generation
        assertThat(users.seen(ALICE, null)).isFalse();
        assertThat(users.widgetsOf(ALICE)).containsExactly(WidgetType.of("heatmap"));
    }

    @Test
    void a_user_not_seen_for_two_generations_reads_for_the_first_time_again() {
        users.seen(ALICE, null);
        clock.advance(Duration.ofMinutes(11));
        users.seen(BOB, null);
        clock.advance(Duration.ofMinutes(11));
        users.seen(BOB, null);

        assertThat(users.seen(ALICE, null)).isTrue();
    }

    @Test
    void memory_stays_bounded_by_the_capacity() {
        RecentUsers small = new RecentUsers(100, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 1000; i++) {
            small.seen(UserId.of("u" + i), null);
        }

        assertThat(small.seen(UserId.of("u999"), null)).isFalse();
        assertThat(small.seen(UserId.of("u0"), null)).as("long forgotten").isTrue();
    }
}
