package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineEventFieldsTest {

    private static final String AT = "2026-11-25T10:00:00Z";

    /** The fields of a valid event of {@code type}, as a JSON reader hands them over; tests then break one. */
    private static Map<String, Object> fieldsOf(EventType type) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("eventId", "e-123");
        fields.put("type", type.wireName());
        fields.put("occurredAt", AT);
        if (type.needsUser()) {
            fields.put("userId", "42");
        }
        return fields;
    }

    private static Map<String, Object> with(Map<String, Object> fields, String name, Object value) {
        fields.put(name, value);
        return fields;
    }

    private static Map<String, Object> without(Map<String, Object> fields, String name) {
        fields.remove(name);
        return fields;
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void the_fields_of_each_event_type_become_that_event(EventType type) {
        EngineEvent event = EngineEventFields.toEvent(fieldsOf(type));

        assertThat(event.eventId()).isEqualTo("e-123");
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(AT));
        assertThat(event.user()).isEqualTo(type.needsUser() ? UserId.of("42") : null);
        assertThat(event.users()).isEmpty();
        assertThat(event.detectionId()).isNull();
        assertThat(event.batchId()).isNull();
    }

    @Test
    void a_batch_carries_its_users_and_its_batch_id() {
        Map<String, Object> fields = fieldsOf(EventType.BATCH_COMPLETED);
        fields.put("userIds", List.of("42", "7", "a.b@c"));
        fields.put("batchId", "b-9");

        EngineEvent event = EngineEventFields.toEvent(fields);

        assertThat(event.users()).containsExactly(UserId.of("42"), UserId.of("7"), UserId.of("a.b@c"));
        assertThat(event.batchId()).isEqualTo("b-9");
    }

    @Test
    void a_detection_carries_its_detection_id() {
        EngineEvent event = EngineEventFields.toEvent(with(fieldsOf(EventType.DETECTION_UPDATED), "detectionId", "d-1"));

        assertThat(event.detectionId()).isEqualTo("d-1");
    }

    @Test
    void numeric_ids_are_taken_as_their_text() {
        Map<String, Object> fields = fieldsOf(EventType.DETECTION_CREATED);
        fields.put("eventId", 123);
        fields.put("userId", 42);
        fields.put("detectionId", 9L);
        fields.put("userIds", List.of(7, 8L, new BigInteger("12345678901234567890"), "9"));

        EngineEvent event = EngineEventFields.toEvent(fields);

        assertThat(event.eventId()).isEqualTo("123");
        assertThat(event.user()).isEqualTo(UserId.of("42"));
        assertThat(event.detectionId()).isEqualTo("9");
        assertThat(event.users()).extracting(UserId::value).containsExactly("7", "8", "12345678901234567890", "9");
    }

    @Test
    void a_global_event_may_name_a_user_and_unknown_fields_are_ignored() {
        Map<String, Object> fields = fieldsOf(EventType.SYSTEM_STATUS_CHANGED);
        fields.put("userId", "42");
        fields.put("severity", "high");
        fields.put("nested", Map.of("a", 1));

        assertThat(EngineEventFields.toEvent(fields).user()).isEqualTo(UserId.of("42"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123456789Z", "1970-01-01T00:00:00Z"})
    void occurred_at_is_an_iso_8601_instant(String at) {
        assertThat(EngineEventFields.toEvent(with(fieldsOf(EventType.BATCH_COMPLETED), "occurredAt", at)).occurredAt())
                .isEqualTo(Instant.parse(at));
    }

    @Test
    void no_fields_at_all_are_refused_as_not_an_object() {
        assertThat(refusal(() -> EngineEventFields.toEvent(null), "event").getMessage())
                .isEqualTo("an event must be a JSON object");
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"eventId", "type", "occurredAt"})
    void a_missing_required_field_is_refused_by_name(String field) {
        Map<String, Object> fields = without(fieldsOf(EventType.DETECTION_CREATED), field);

        assertThat(refusal(() -> EngineEventFields.toEvent(fields), field).getMessage())
                .isEqualTo(field + " is required");
    }

    @ParameterizedTest(name = "{0} = null")
    @ValueSource(strings = {"eventId", "type", "occurredAt"})
    void a_required_field_that_is_null_is_refused_as_missing(String field) {
        Map<String, Object> fields = with(fieldsOf(EventType.DETECTION_CREATED), field, null);

        refusal(() -> EngineEventFields.toEvent(fields), field);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = EventType.class, names = {"DETECTION_CREATED", "DETECTION_UPDATED", "DETECTION_DELETED",
            "PREFERENCES_UPDATED", "NOTIFICATION_CREATED"})
    void a_per_user_event_without_a_user_is_refused(EventType type) {
        Map<String, Object> fields = without(fieldsOf(type), "userId");

        assertThat(refusal(() -> EngineEventFields.toEvent(fields), "userId").getMessage())
                .isEqualTo("a " + type.wireName() + " event needs a userId");
    }

    @ParameterizedTest(name = "occurredAt \"{0}\"")
    @ValueSource(strings = {"", "yesterday", "2026-11-25", "2026-11-25 10:00:00", "2026-11-25T10:00:00",
            "2026-13-25T10:00:00Z", "1700000000", "2026-11-25T10:00:00Z\n"})
    void an_occurred_at_that_is_not_an_instant_is_refused(String at) {
        Map<String, Object> fields = with(fieldsOf(EventType.SYSTEM_STATUS_CHANGED), "occurredAt", at);

        assertThat(refusal(() -> EngineEventFields.toEvent(fields), "occurredAt").getMessage())
                .startsWith("occurredAt must be an ISO-8601 instant such as 2026-11-25T10:00:00Z, got '");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"type", "occurredAt"})
    void a_type_or_time_given_as_a_number_is_refused(String field) {
        Map<String, Object> fields = with(fieldsOf(EventType.SYSTEM_STATUS_CHANGED), field, 1_700_000_000);

        assertThat(refusal(() -> EngineEventFields.toEvent(fields), field).getMessage())
                .isEqualTo(field + " must be a string");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "type", "userId", "occurredAt", "detectionId", "batchId"})
    void a_text_field_given_as_a_list_map_or_boolean_is_refused(String field) {
        for (Object value : new Object[] {List.of("x"), Map.of("a", "b"), true}) {
            Map<String, Object> fields = with(fieldsOf(EventType.DETECTION_CREATED), field, value);

            refusal(() -> EngineEventFields.toEvent(fields), field);
        }
    }

    @ParameterizedTest(name = "type \"{0}\"")
    @ValueSource(strings = {"", "detection.exploded", "DETECTION.CREATED", "detection_created", "*"})
    void an_unknown_type_is_refused(String type) {
        Map<String, Object> fields = with(fieldsOf(EventType.DETECTION_CREATED), "type", type);

        assertThat(refusal(() -> EngineEventFields.toEvent(fields), "type").getMessage())
                .startsWith("unknown event type '");
    }

    @ParameterizedTest(name = "eventId \"{0}\"")
    @ValueSource(strings = {"", "e*", "*", "e 1", "e\n1", "e{1}"})
    void an_event_id_breaking_the_id_rule_is_refused(String eventId) {
        Map<String, Object> fields = with(fieldsOf(EventType.DETECTION_CREATED), "eventId", eventId);

        refusal(() -> EngineEventFields.toEvent(fields), "eventId");
    }

    @Test
    void an_event_id_of_129_characters_is_refused_and_128_accepted() {
        Map<String, Object> longest = with(fieldsOf(EventType.DETECTION_CREATED), "eventId", "e".repeat(128));
        Map<String, Object> tooLong = with(fieldsOf(EventType.DETECTION_CREATED), "eventId", "e".repeat(129));

        assertThat(EngineEventFields.toEvent(longest).eventId()).hasSize(128);
        refusal(() -> EngineEventFields.toEvent(tooLong), "eventId");
    }

    @ParameterizedTest(name = "userId \"{0}\"")
    @ValueSource(strings = {"", "a*b", "{42}", "a b", "a:b", "4\n2", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void a_bad_user_id_is_refused_naming_user_id(String user) {
        Map<String, Object> fields = with(fieldsOf(EventType.NOTIFICATION_CREATED), "userId", user);

        refusal(() -> EngineEventFields.toEvent(fields), "userId");
    }

    @Test
    void user_ids_that_are_not_a_list_are_refused() {
        for (Object value : new Object[] {"42", 42, Map.of("0", "42"), new String[] {"42"}}) {
            Map<String, Object> fields = with(fieldsOf(EventType.BATCH_COMPLETED), "userIds", value);

            assertThat(refusal(() -> EngineEventFields.toEvent(fields), "userIds").getMessage())
                    .isEqualTo("userIds must be a list of user ids");
        }
    }

    @Test
    void user_ids_containing_something_other_than_an_id_are_refused() {
        for (Object item : new Object[] {true, List.of("42"), Map.of("id", "42")}) {
            Map<String, Object> fields = with(fieldsOf(EventType.BATCH_COMPLETED), "userIds", List.of("7", item));

            refusal(() -> EngineEventFields.toEvent(fields), "userIds");
        }
        Map<String, Object> withNull = with(fieldsOf(EventType.BATCH_COMPLETED), "userIds", Arrays.asList("7", null));
        refusal(() -> EngineEventFields.toEvent(withNull), "userIds");
    }

    @ParameterizedTest(name = "userIds [\"7\", \"{0}\"]")
    @ValueSource(strings = {"", "a*b", "{42}", "a b", "a:b", "4\n2"})
    void user_ids_containing_a_bad_id_are_refused_naming_user_ids(String bad) {
        Map<String, Object> fields = with(fieldsOf(EventType.BATCH_COMPLETED), "userIds", List.of("7", bad));

        assertThat(refusal(() -> EngineEventFields.toEvent(fields), "userIds").getMessage()).startsWith("userIds[1]: ");
    }

    @Test
    void user_ids_may_name_ten_thousand_users_but_not_more() {
        List<String> max = IntStream.range(0, 10_000).mapToObj(i -> "u" + i).toList();
        List<Object> tooMany = new ArrayList<>(max);
        tooMany.add("u10000");

        assertThat(EngineEventFields.toEvent(with(fieldsOf(EventType.BATCH_COMPLETED), "userIds", max)).users())
                .hasSize(10_000);
        assertThat(refusal(() -> EngineEventFields.toEvent(with(fieldsOf(EventType.BATCH_COMPLETED), "userIds",
                tooMany)), "userIds").getMessage()).isEqualTo("an event names at most 10000 users");
    }

    @Test
    void an_empty_list_of_user_ids_is_a_batch_without_users() {
        assertThat(EngineEventFields.toEvent(with(fieldsOf(EventType.BATCH_COMPLETED), "userIds", Collections.emptyList()))
                .users()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"detectionId", "batchId"})
    void an_optional_id_breaking_the_id_rule_is_refused_by_name(String field) {
        for (String bad : new String[] {"", "d*", "d 1", "d".repeat(129)}) {
            Map<String, Object> fields = with(fieldsOf(EventType.DETECTION_CREATED), field, bad);

            refusal(() -> EngineEventFields.toEvent(fields), field);
        }
    }
}
