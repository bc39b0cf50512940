package io.dashcache.adapters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.domain.EngineEvent;
import io.dashcache.domain.EventType;
import io.dashcache.domain.UserId;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EntryDecoderTest {

    private final EntryDecoder decoder = new EntryDecoder(1024);

    @Test
    void an_event_with_numeric_ids_reads_them_as_text() throws UnreadableEntryException {
        EngineEvent event = decoder.decode(Map.of("event", """
                {"eventId": 17, "type": "notification.created", "userId": 42, "occurredAt": "2026-11-25T10:00:00Z"}"""));

        assertThat(event.eventId()).isEqualTo("17");
        assertThat(event.type()).isEqualTo(EventType.NOTIFICATION_CREATED);
        assertThat(event.user()).isEqualTo(UserId.of("42"));
    }

    @Test
    void a_document_nested_deeper_than_twenty_levels_is_refused() {
        String deep = "[".repeat(25) + "]".repeat(25);

        assertThatThrownBy(() -> decoder.decode(Map.of("event", "{\"eventId\": \"e-1\", \"x\": " + deep + "}")))
                .isInstanceOf(UnreadableEntryException.class)
                .hasMessageStartingWith("the event is not valid JSON")
                .hasMessageContaining("nesting depth");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"eventId\": \"a\", \"eventId\": \"b\"}                   | Duplicate field 'eventId'",
            "{\"eventId\": \"a\"} {\"eventId\": \"b\"}                  | Trailing token",
            "''                                                        | No content",
            "null                                                      | must be a JSON object, got null",
            "\"text\"                                                  | must be a JSON object, got a string",
            "42                                                        | must be a JSON object, got a number",
            "{\"eventId\": \"e-1\", \"type\": \"detection.created\"}   | invalid field 'occurredAt': occurredAt is required",
            "{\"eventId\": \"e-1\", \"type\": \"detection.created\", \"occurredAt\": \"yesterday\"} | invalid field 'occurredAt'",
            "{\"eventId\": \"e-1\", \"type\": \"detection.created\", \"occurredAt\": \"2026-11-25T10:00:00Z\"} | invalid field 'userId': a detection.created event needs a userId",
            "{\"eventId\": \"e 1\", \"type\": \"system.status.changed\", \"occurredAt\": \"2026-11-25T10:00:00Z\"} | invalid field 'eventId'",
    })
    void an_entry_that_is_not_an_event_is_refused_with_a_reason_saying_why(String json, String reason) {
        assertThatThrownBy(() -> decoder.decode(Map.of("event", json)))
                .isInstanceOf(UnreadableEntryException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void the_size_limit_counts_utf8_bytes_not_characters() {
        String event = "{\"eventId\": \"e-1\", \"note\": \"" + "\u00e9".repeat(600) + "\"}"; // 600 chars, 1200 bytes

        assertThatThrownBy(() -> decoder.decode(Map.of("event", event)))
                .hasMessage("the event is " + (event.length() + 600) + " bytes, over the limit of 1024 bytes");
    }

    @Test
    void a_reason_is_one_printable_line_of_bounded_length() {
        String notJson = "\u00fcber" + "x".repeat(500); // Jackson quotes up to 256 characters of the token

        assertThatThrownBy(() -> decoder.decode(Map.of("event", notJson)))
                .isInstanceOf(UnreadableEntryException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("the event is not valid JSON: Unrecognized token '?ber")
                        .hasSize(303).endsWith("...")
                        .matches("[\\x20-\\x7e]+"));
    }
}
