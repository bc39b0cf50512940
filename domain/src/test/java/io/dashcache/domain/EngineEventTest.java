package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The event record's own rules; {@link EngineEventFieldsTest} covers the way in from JSON fields. */
class EngineEventTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final UserId U42 = UserId.of("42");

    private static EngineEvent event(String eventId, EventType type, UserId user, List<UserId> users) {
        return new EngineEvent(eventId, type, user, users, AT, null, null);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"e-123", "1700000000000-0", "a", "A.b_c:d@e-f", "0123456789"})
    void an_event_id_of_the_allowed_characters_is_accepted(String eventId) {
        assertThat(EngineEvent.requireEventId(eventId)).isEqualTo(eventId);
        assertThat(event(eventId, EventType.SYSTEM_STATUS_CHANGED, null, null).eventId()).isEqualTo(eventId);
    }

    @Test
    void an_event_id_may_have_128_characters_but_not_129() {
        assertThat(EngineEvent.requireEventId("e".repeat(128))).hasSize(128);
        refusal(() -> EngineEvent.requireEventId("e".repeat(129)), "eventId");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"e*", "*", "e?", "e[1]", "{e}", "e 1", "e\n1", "e\r1", "e\t1", "e\0", "é", "e/1", "e\"1",
            "e\\1", "%2A"})
    void an_event_id_with_anything_else_is_refused_naming_the_field(String eventId) {
        assertThat(refusal(() -> event(eventId, EventType.SYSTEM_STATUS_CHANGED, null, null), "eventId").getMessage())
                .startsWith("eventId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ -, got '");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void an_event_needs_a_user_exactly_when_its_type_does(EventType type) {
        if (type.needsUser()) {
            assertThat(refusal(() -> event("e-1", type, null, null), "userId").getMessage())
                    .isEqualTo("a " + type.wireName() + " event needs a userId");
            assertThat(event("e-1", type, U42, null).user()).isEqualTo(U42);
        } else {
            assertThat(event("e-1", type, null, null).user()).isNull();
        }
    }

    @Test
    void the_users_of_an_event_are_an_unmodifiable_copy_and_never_null() {
        List<UserId> users = new ArrayList<>(List.of(U42, UserId.of("7")));
        EngineEvent batch = event("e-1", EventType.BATCH_COMPLETED, null, users);
        users.clear();

        assertThat(batch.users()).containsExactly(U42, UserId.of("7"));
        assertThatThrownBy(() -> batch.users().add(U42)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(event("e-2", EventType.BATCH_COMPLETED, null, null).users()).isEmpty();
    }

    @Test
    void an_event_names_at_most_ten_thousand_users() {
        List<UserId> max = IntStream.range(0, EngineEvent.MAX_BATCH_USERS).mapToObj(i -> UserId.of("u" + i)).toList();
        List<UserId> tooMany = IntStream.rangeClosed(0, EngineEvent.MAX_BATCH_USERS)
                .mapToObj(i -> UserId.of("u" + i)).toList();

        assertThat(EngineEvent.MAX_BATCH_USERS).isEqualTo(10_000);
        assertThat(event("e-1", EventType.BATCH_COMPLETED, null, max).users()).hasSize(10_000);
        refusal(() -> event("e-2", EventType.BATCH_COMPLETED, null, tooMany), "userIds");
    }

    @Test
    void an_event_needs_a_type_and_a_time() {
        assertThatNullPointerException().isThrownBy(() -> new EngineEvent("e-1", null, U42, null, AT, null, null))
                .withMessage("type");
        assertThatNullPointerException()
                .isThrownBy(() -> new EngineEvent("e-1", EventType.DETECTION_CREATED, U42, null, null, null, null))
                .withMessage("occurredAt");
    }

    @Test
    void detection_and_batch_ids_are_optional_but_follow_the_id_rule_when_given() {
        EngineEvent withIds = new EngineEvent("e-1", EventType.DETECTION_CREATED, U42, null, AT, "d-9", "b:7");

        assertThat(withIds.detectionId()).isEqualTo("d-9");
        assertThat(withIds.batchId()).isEqualTo("b:7");
        refusal(() -> new EngineEvent("e-1", EventType.DETECTION_CREATED, U42, null, AT, "", null), "detectionId");
        refusal(() -> new EngineEvent("e-1", EventType.DETECTION_CREATED, U42, null, AT, "d*", null), "detectionId");
        refusal(() -> new EngineEvent("e-1", EventType.BATCH_COMPLETED, null, null, AT, null, "b".repeat(129)),
                "batchId");
        refusal(() -> new EngineEvent("e-1", EventType.BATCH_COMPLETED, null, null, AT, null, "b\n1"), "batchId");
    }
}
