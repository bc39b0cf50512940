package io.dashcache.adapters.redis;

import io.dashcache.domain.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The bytes of an L2 value: a small fixed header, then the engine's payload verbatim, so a hit
 * costs a copy, never a JSON parse.
 *
 * <pre>
 * offset  size  field
 *      0     1  magic 0xDC
 *      1     1  format version (2; 1 is still read)
 *      2     1  flags: bit 0 = absent (the engine's 404)
 *      3     8  storedAt, epoch millis
 *     11     8  freshUntil, epoch millis
 *     19     8  staleUntil, epoch millis
 *     27     8  scopeVersion
 *     35     2  etag length n (unsigned)
 *     37     4  payload length m
 *     41     4  load duration, millis (version 2 only; version 1 reads as 0)
 *      h     n  etag, UTF-8            (h = 45 in version 2, 41 in version 1)
 *    h+n     m  payload
 * </pre>
 *
 * Times are kept to the millisecond. The payload length makes a truncated value detectable. Version 2
 * added the load duration (for refresh-ahead); values written by version 1 still decode, so an
 * upgrade keeps L2 warm. {@link #decode} never throws: bytes it does not understand (a newer format
 * during a rolling upgrade, or garbage) read as {@code null}, a miss.
 */
public final class EnvelopeCodec {

    static final byte MAGIC = (byte) 0xDC;
    static final byte VERSION = 2;
    static final byte VERSION_1 = 1;
    private static final int FLAG_ABSENT = 1;
    private static final int HEADER_1 = 41;
    private static final int HEADER = 45;
    private static final int MAX_ETAG = 0xFFFF;

    private EnvelopeCodec() {
    }

    public static byte[] encode(CacheEntry entry) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.UTF_8);
        if (etag.length > MAX_ETAG) {
            throw new IllegalArgumentException("etag longer than " + MAX_ETAG + " bytes");
        }
        byte[] payload = entry.payload();
        byte[] out = new byte[HEADER + etag.length + payload.length];
        out[0] = MAGIC;
        out[1] = VERSION;
        out[2] = (byte) (entry.absent() ? FLAG_ABSENT : 0);
        putLong(out, 3, entry.storedAt().toEpochMilli());
        putLong(out, 11, entry.freshUntil().toEpochMilli());
        putLong(out, 19, entry.staleUntil().toEpochMilli());
        putLong(out, 27, entry.scopeVersion());
        out[35] = (byte) (etag.length >>> 8);
        out[36] = (byte) etag.length;
        putInt(out, 37, payload.length);
        putInt(out, 41, (int) Math.min(Integer.MAX_VALUE, entry.loadDuration().toMillis()));
        System.arraycopy(etag, 0, out, HEADER, etag.length);
        System.arraycopy(payload, 0, out, HEADER + etag.length, payload.length);
        return out;
    }

    /** The entry, or {@code null} when the bytes are missing, of another format, truncated or corrupt. */
    public static CacheEntry decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_1 || bytes[0] != MAGIC
                || (bytes[1] != VERSION && bytes[1] != VERSION_1)) {
            return null;
        }
        int header = bytes[1] == VERSION ? HEADER : HEADER_1;
        if (bytes.length < header) {
            return null;
        }
        int flags = bytes[2];
        if ((flags & ~FLAG_ABSENT) != 0) {
            return null;
        }
        int etagLength = ((bytes[35] & 0xFF) << 8) | (bytes[36] & 0xFF);
        int payloadStart = header + etagLength;
        int payloadLength = getInt(bytes, 37);
        if (payloadLength < 0 || (long) payloadStart + payloadLength != bytes.length) {
            return null;
        }
        try {
            return new CacheEntry(
                    Arrays.copyOfRange(bytes, payloadStart, bytes.length),
                    (flags & FLAG_ABSENT) != 0,
                    new String(bytes, header, etagLength, StandardCharsets.UTF_8),
                    Instant.ofEpochMilli(getLong(bytes, 3)),
                    Instant.ofEpochMilli(getLong(bytes, 11)),
                    Instant.ofEpochMilli(getLong(bytes, 19)),
                    getLong(bytes, 27),
                    Duration.ofMillis(header == HEADER ? Integer.toUnsignedLong(getInt(bytes, 41)) : 0));
        } catch (RuntimeException corrupt) {
            // times out of order or out of range: the bytes are not an entry we wrote
            return null;
        }
    }

    private static void putLong(byte[] out, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    private static int getInt(byte[] in, int offset) {
        return ((in[offset] & 0xFF) << 24) | ((in[offset + 1] & 0xFF) << 16) | ((in[offset + 2] & 0xFF) << 8)
                | (in[offset + 3] & 0xFF);
    }

    private static long getLong(byte[] in, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[offset + i] & 0xFF);
        }
        return value;
    }
}
