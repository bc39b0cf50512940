package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.application.port.messages.InvalidationMessage;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Scope;
import io.dashcache.domain.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvalidationCodecTest {

    @Test
    void scopes_types_and_everything_survive_a_round_trip() {
        InvalidationMessage message = new InvalidationMessage("instance-1",
                Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("42")), Scope.global(DataType.ANALYTICS),
                        Scope.ofUser(DataType.WIDGET_DATA, UserId.of("a.b@c-d_e"))),
                Set.of(DataType.NOTIFICATIONS, DataType.SYSTEM_STATUS), true);

        assertThat(InvalidationCodec.decode(InvalidationCodec.encode(message))).isEqualTo(message);
    }

    @Test
    void the_text_is_a_version_line_the_origin_and_one_line_per_item() {
        String text = InvalidationCodec.encode(
                InvalidationMessage.ofScopes("web-2", Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("42")))));

        assertThat(text).isEqualTo("dashcache-invalidation/1\nweb-2\noverview:user:42");
        assertThat(InvalidationCodec.encode(InvalidationMessage.ofType("web-2", DataType.ANALYTICS)))
                .endsWith("\ntype:analytics");
        assertThat(InvalidationCodec.encode(InvalidationMessage.ofEverything("web-2"))).endsWith("\nall");
    }

    @Test
    void an_origin_with_line_breaks_cannot_inject_lines() {
        InvalidationMessage message = InvalidationMessage.ofScopes("evil\nall", Set.of());

        InvalidationMessage decoded = InvalidationCodec.decode(InvalidationCodec.encode(message));

        assertThat(decoded.everything()).isFalse();
        assertThat(decoded.origin()).isEqualTo("evil all");
    }

    @Test
    void a_message_of_another_format_is_refused() {
        assertThatThrownBy(() -> InvalidationCodec.decode("dashcache-invalidation/2\nweb-1\nall"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dashcache-invalidation/1");
        assertThatThrownBy(() -> InvalidationCodec.decode("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_line_that_is_no_scope_is_refused() {
        assertThatThrownBy(() -> InvalidationCodec.decode("dashcache-invalidation/1\nweb-1\noverview"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvalidationCodec.decode("dashcache-invalidation/1\nweb-1\ntype:bogus"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_event_id_rides_on_the_origin_line_and_survives_a_round_trip() {
        InvalidationMessage message = InvalidationMessage.ofScopes("web-2",
                Set.of(Scope.ofUser(DataType.OVERVIEW, UserId.of("42"))), "e-123:x@y");

        String text = InvalidationCodec.encode(message);

        assertThat(text).isEqualTo("dashcache-invalidation/1\nweb-2 event=e-123:x@y\noverview:user:42");
        assertThat(InvalidationCodec.decode(text)).isEqualTo(message);
    }

    @Test
    void a_message_from_an_instance_that_sends_no_event_id_reads_as_one_without_an_event() {
        InvalidationMessage decoded = InvalidationCodec.decode("dashcache-invalidation/1\nweb-old\noverview:user:42");

        assertThat(decoded.origin()).isEqualTo("web-old");
        assertThat(decoded.eventId()).isNull();
        assertThat(decoded.scopes()).containsExactly(Scope.ofUser(DataType.OVERVIEW, UserId.of("42")));
    }

    @Test
    void an_origin_that_only_looks_like_it_carries_an_event_keeps_its_text() {
        InvalidationMessage decoded = InvalidationCodec.decode("dashcache-invalidation/1\nodd event=not an id\nall");

        assertThat(decoded.origin()).isEqualTo("odd event=not an id");
        assertThat(decoded.eventId()).isNull();
    }

    private static final java.time.Instant OCCURRED = java.time.Instant.parse("2026-12-04T03:00:00.123Z");
    private static final java.time.Instant STREAMED = java.time.Instant.parse("2026-12-04T03:00:00.456Z");

    @Test
    void the_events_times_ride_on_the_origin_line_before_the_event_id_and_survive_a_round_trip() {
        InvalidationMessage message = InvalidationMessage.ofScopes("web-2",
                Set.of(io.dashcache.domain.Scope.parse("overview:user:42")), "e-123", OCCURRED, STREAMED);

        String text = InvalidationCodec.encode(message);

        assertThat(text).isEqualTo("dashcache-invalidation/1\nweb-2 occurred=" + OCCURRED.toEpochMilli()
                + " streamed=" + STREAMED.toEpochMilli() + " event=e-123\noverview:user:42");
        assertThat(InvalidationCodec.decode(text)).isEqualTo(message);
    }

    @Test
    void a_webhook_event_carries_only_when_it_occurred() {
        InvalidationMessage message = InvalidationMessage.ofScopes("web-2",
                Set.of(io.dashcache.domain.Scope.parse("overview:user:42")), "e-9", OCCURRED, null);

        InvalidationMessage decoded = InvalidationCodec.decode(InvalidationCodec.encode(message));

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.streamedAt()).isNull();
    }

    @Test
    void a_message_from_an_instance_that_sends_no_times_reads_as_one_without_them() {
        InvalidationMessage decoded = InvalidationCodec.decode("dashcache-invalidation/1\nweb-2 event=e-123\nall");

        assertThat(decoded.origin()).isEqualTo("web-2");
        assertThat(decoded.eventId()).isEqualTo("e-123");
        assertThat(decoded.occurredAt()).isNull();
        assertThat(decoded.streamedAt()).isNull();
    }

    @Test
    void the_previous_release_still_finds_the_event_id_in_a_message_with_times() {
        String text = InvalidationCodec.encode(InvalidationMessage.ofScopes("web-2",
                Set.of(io.dashcache.domain.Scope.parse("overview:user:42")), "e-123", OCCURRED, STREAMED));
        String originLine = text.split("\n")[1];

        // what the previous release's decode does with the origin line
        int event = originLine.lastIndexOf(" event=");
        String eventId = originLine.substring(event + " event=".length());

        assertThat(eventId).isEqualTo("e-123");
        assertThat(originLine.substring(0, event)).startsWith("web-2 ").doesNotContain("\n");
    }

    @Test
    void times_that_do_not_parse_stay_part_of_the_origin() {
        InvalidationMessage decoded = InvalidationCodec.decode(
                "dashcache-invalidation/1\nodd occurred=soon streamed=-5 event=e-1\nall");

        assertThat(decoded.origin()).isEqualTo("odd occurred=soon streamed=-5");
        assertThat(decoded.eventId()).isEqualTo("e-1");
        assertThat(decoded.occurredAt()).isNull();
        assertThat(decoded.streamedAt()).isNull();
    }
}
