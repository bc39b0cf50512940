package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "DETECTION_CREATED,           detection.created,           true",
            "DETECTION_UPDATED,           detection.updated,           true",
            "DETECTION_DELETED,           detection.deleted,           true",
            "BATCH_COMPLETED,             batch.completed,             false",
            "PREFERENCES_UPDATED,         preferences.updated,         true",
            "SYSTEM_STATUS_CHANGED,       system.status.changed,       false",
            "PERFORMANCE_METRICS_UPDATED, performance.metrics.updated, false",
            "NOTIFICATION_CREATED,        notification.created,        true"})
    void each_event_type_has_the_wire_name_of_the_contract_and_knows_whether_it_needs_a_user(
            EventType type, String wireName, boolean needsUser) {
        assertThat(type.wireName()).isEqualTo(wireName);
        assertThat(type.needsUser()).isEqualTo(needsUser);
        assertThat(EventType.fromWireName(wireName)).isSameAs(type);
    }

    @Test
    void there_are_exactly_the_eight_event_types_of_the_contract() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).containsExactlyInAnyOrder(
                "detection.created", "detection.updated", "detection.deleted", "batch.completed",
                "preferences.updated", "system.status.changed", "performance.metrics.updated", "notification.created");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_wire_name_round_trips(EventType type) {
        assertThat(EventType.fromWireName(type.wireName())).isSameAs(type);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"DETECTION_CREATED", "Detection.Created", "detection_created", "detection.created ",
            " detection.created", "detection", "detection.*", "detection.created\n", "user.deleted"})
    void an_unknown_wire_name_is_refused_naming_the_type_field(String name) {
        assertThat(refusal(() -> EventType.fromWireName(name), "type").getMessage()).startsWith("unknown event type '");
    }
}
