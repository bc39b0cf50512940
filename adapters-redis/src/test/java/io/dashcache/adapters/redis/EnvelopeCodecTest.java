package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.domain.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final CacheEntry ENTRY = CacheEntry.loaded(
            "{\"detections\":[1,2,3],\"name\":\"caméra\"}".getBytes(StandardCharsets.UTF_8), NOW,
            Duration.ofSeconds(300), Duration.ofSeconds(75), 41);

    @Test
    void an_entry_survives_a_round_trip() {
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(ENTRY))).isEqualTo(ENTRY);
    }

    @Test
    void the_payload_is_stored_verbatim_after_the_header() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);

        byte[] tail = Arrays.copyOfRange(encoded, encoded.length - ENTRY.payload().length, encoded.length);
        assertThat(tail).isEqualTo(ENTRY.payload());
        assertThat(encoded[0]).isEqualTo(EnvelopeCodec.MAGIC);
        assertThat(encoded[1]).isEqualTo(EnvelopeCodec.VERSION);
    }

    @Test
    void an_absent_entry_survives_a_round_trip() {
        CacheEntry absent = CacheEntry.absent(NOW, Duration.ofSeconds(30), 7);

        CacheEntry decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(absent));

        assertThat(decoded).isEqualTo(absent);
        assertThat(decoded.absent()).isTrue();
    }

    @Test
    void an_empty_payload_survives_a_round_trip() {
        CacheEntry empty = CacheEntry.loaded(new byte[0], NOW, Duration.ofSeconds(1), Duration.ofSeconds(5), 0);

        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(empty))).isEqualTo(empty);
    }

    @Test
    void times_are_kept_to_the_millisecond() {
        CacheEntry precise = CacheEntry.loaded(new byte[] {'{', '}'}, NOW.plusNanos(456_789), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 0);

        CacheEntry decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(precise));

        assertThat(decoded.storedAt()).isEqualTo(NOW);
    }

    @Test
    void the_load_duration_survives_a_round_trip() {
        CacheEntry slow = CacheEntry.loaded(new byte[] {'{', '}'}, NOW, Duration.ofSeconds(300), Duration.ofSeconds(75),
                3, Duration.ofMillis(1234));

        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(slow)).loadDuration()).isEqualTo(Duration.ofMillis(1234));
    }

    @Test
    void a_value_written_in_format_1_still_reads_with_no_load_duration() {
        byte[] current = EnvelopeCodec.encode(ENTRY);
        byte[] version1 = new byte[current.length - 4];
        System.arraycopy(current, 0, version1, 0, 41);
        System.arraycopy(current, 45, version1, 41, current.length - 45);
        version1[1] = EnvelopeCodec.VERSION_1;

        CacheEntry decoded = EnvelopeCodec.decode(version1);

        assertThat(decoded).isEqualTo(ENTRY);
        assertThat(decoded.loadDuration()).isZero();
    }

    @Test
    void new_values_are_written_in_format_2() {
        assertThat(EnvelopeCodec.VERSION).isEqualTo((byte) 2);
        assertThat(EnvelopeCodec.encode(ENTRY)).hasSize(45 + ENTRY.etag().length() + ENTRY.payload().length);
    }

    @Test
    void an_unknown_format_version_reads_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);
        encoded[1] = 3;

        assertThat(EnvelopeCodec.decode(encoded)).isNull();
    }

    @Test
    void a_wrong_magic_byte_reads_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);
        encoded[0] = '{';

        assertThat(EnvelopeCodec.decode(encoded)).isNull();
    }

    @Test
    void unknown_flags_read_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);
        encoded[2] = (byte) 0x80;

        assertThat(EnvelopeCodec.decode(encoded)).isNull();
    }

    @Test
    void bytes_truncated_anywhere_read_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);

        for (int length = 0; length < encoded.length; length++) {
            assertThat(EnvelopeCodec.decode(Arrays.copyOf(encoded, length))).as("first %d bytes", length).isNull();
        }
    }

    @Test
    void trailing_garbage_reads_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);

        assertThat(EnvelopeCodec.decode(Arrays.copyOf(encoded, encoded.length + 1))).isNull();
    }

    @Test
    void times_out_of_order_read_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(ENTRY);
        encoded[19] = (byte) 0x80; // staleUntil far before storedAt

        assertThat(EnvelopeCodec.decode(encoded)).isNull();
    }

    @Test
    void empty_or_missing_bytes_read_as_a_miss() {
        assertThat(EnvelopeCodec.decode(new byte[0])).isNull();
        assertThat(EnvelopeCodec.decode(null)).isNull();
    }
}
