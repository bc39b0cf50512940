package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.domain.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.Deflater;
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
        encoded[1] = 4;

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

    static byte[] dashboardJson(int bytes) {
        return io.dashcache.testsupport.DashboardJson.ofAbout(bytes);
    }

    private static CacheEntry large(int bytes) {
        return CacheEntry.loaded(dashboardJson(bytes), NOW, Duration.ofSeconds(300), Duration.ofSeconds(75), 9,
                Duration.ofMillis(1234));
    }

    @Test
    void a_large_payload_is_compressed_and_survives_a_round_trip() {
        CacheEntry entry = large(2 * 1024 * 1024);

        byte[] encoded = EnvelopeCodec.encode(entry);

        assertThat(encoded[1]).isEqualTo(EnvelopeCodec.VERSION_COMPRESSED);
        assertThat(encoded.length).isLessThan(entry.payload().length / 3);
        assertThat(EnvelopeCodec.decode(encoded)).isEqualTo(entry);
    }

    @Test
    void a_payload_at_the_threshold_is_written_as_before() {
        CacheEntry entry = CacheEntry.loaded(Arrays.copyOf(dashboardJson(20_000), EnvelopeCodec.DEFAULT_COMPRESS_ABOVE),
                NOW, Duration.ofSeconds(300), Duration.ofSeconds(75), 9);

        byte[] encoded = EnvelopeCodec.encode(entry);

        assertThat(encoded[1]).isEqualTo(EnvelopeCodec.VERSION);
        assertThat(EnvelopeCodec.decode(encoded)).isEqualTo(entry);
    }

    @Test
    void the_threshold_is_the_callers_choice() {
        assertThat(EnvelopeCodec.encode(large(4096), 1024)[1]).isEqualTo(EnvelopeCodec.VERSION_COMPRESSED);
        assertThat(EnvelopeCodec.encode(large(100_000), Integer.MAX_VALUE)[1]).isEqualTo(EnvelopeCodec.VERSION);
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(large(4096), 1024))).isEqualTo(large(4096));
    }

    @Test
    void a_payload_that_does_not_compress_is_stored_verbatim() {
        byte[] noise = new byte[100_000];
        new java.util.SplittableRandom(3).nextBytes(noise);
        CacheEntry entry = CacheEntry.loaded(noise, NOW, Duration.ofSeconds(300), Duration.ofSeconds(75), 9);

        byte[] encoded = EnvelopeCodec.encode(entry);

        assertThat(encoded[1]).isEqualTo(EnvelopeCodec.VERSION);
        assertThat(EnvelopeCodec.decode(encoded)).isEqualTo(entry);
    }

    @Test
    void a_large_absent_marker_and_an_old_large_value_still_read() {
        CacheEntry absent = CacheEntry.absent(NOW, Duration.ofSeconds(30), 7);
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(absent, 0))).isEqualTo(absent);
        // what the previous release wrote for a large value: version 2, verbatim
        CacheEntry entry = large(200_000);
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(entry, Integer.MAX_VALUE))).isEqualTo(entry);
    }

    @Test
    void a_compressed_value_truncated_anywhere_reads_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(large(100_000));

        for (int length = 0; length < encoded.length; length += 97) {
            assertThat(EnvelopeCodec.decode(Arrays.copyOf(encoded, length))).as("first %d bytes", length).isNull();
        }
        assertThat(EnvelopeCodec.decode(Arrays.copyOf(encoded, encoded.length - 1))).isNull();
    }

    @Test
    void a_corrupt_compressed_value_reads_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(large(100_000));
        byte[] flipped = encoded.clone();
        flipped[flipped.length / 2] ^= 0x55;
        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 3);
        byte[] relabelled = EnvelopeCodec.encode(large(100_000), Integer.MAX_VALUE);
        relabelled[1] = EnvelopeCodec.VERSION_COMPRESSED;

        assertThat(EnvelopeCodec.decode(flipped)).isNull();
        assertThat(EnvelopeCodec.decode(trailing)).isNull();
        assertThat(EnvelopeCodec.decode(relabelled)).isNull();
    }

    @Test
    void a_compressed_value_whose_declared_length_is_wrong_reads_as_a_miss() {
        byte[] encoded = EnvelopeCodec.encode(large(100_000));
        int declared = EnvelopeCodec.decode(encoded).payload().length;
        byte[] shorter = encoded.clone();
        putInt(shorter, 37, declared - 1);
        byte[] longer = encoded.clone();
        putInt(longer, 37, declared + 1);

        assertThat(EnvelopeCodec.decode(shorter)).isNull();
        assertThat(EnvelopeCodec.decode(longer)).isNull();
    }

    @Test
    void a_zip_bomb_reads_as_a_miss_without_inflating_it() {
        // 1 GiB of zeros deflates to about 1 MiB; declared as such, or as a small value, it is refused
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1024 * 1024];
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < 1024; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                bomb.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            bomb.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] header = Arrays.copyOf(EnvelopeCodec.encode(ENTRY), 45 + ENTRY.etag().length());
        header[1] = EnvelopeCodec.VERSION_COMPRESSED;
        byte[] value = Arrays.copyOf(header, header.length + bomb.size());
        System.arraycopy(bomb.toByteArray(), 0, value, header.length, bomb.size());

        putInt(value, 37, 1 << 30);
        assertThat(EnvelopeCodec.decode(value)).as("declared 1 GiB: over the cap").isNull();
        putInt(value, 37, Integer.MAX_VALUE);
        assertThat(EnvelopeCodec.decode(value)).isNull();
        putInt(value, 37, -1);
        assertThat(EnvelopeCodec.decode(value)).isNull();
        putInt(value, 37, 1000);
        assertThat(EnvelopeCodec.decode(value)).as("declared small: inflates 1000 bytes, finds more").isNull();
        putInt(value, 37, EnvelopeCodec.MAX_INFLATED);
        assertThat(EnvelopeCodec.decode(value)).as("declared at the cap: stops there").isNull();
    }

    private static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }
}
