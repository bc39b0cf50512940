package io.dashcache.adapters.redis;

import io.dashcache.domain.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The bytes of an L2 value: a small fixed header, then the engine's payload verbatim, so a hit
 * costs a copy, never a JSON parse.
 *
 * <pre>
 * offset  size  field
 *      0     1  magic 0xDC
 *      1     1  format version (2, or 3 for a compressed payload; 1 is still read)
 *      2     1  flags: bit 0 = absent (the engine's 404)
 *      3     8  storedAt, epoch millis
 *     11     8  freshUntil, epoch millis
 *     19     8  staleUntil, epoch millis
 *     27     8  scopeVersion
 *     35     2  etag length n (unsigned)
 *     37     4  payload length m (in version 3: the length once inflated)
 *     41     4  load duration, millis (versions 2 and 3; version 1 reads as 0)
 *      h     n  etag, UTF-8            (h = 45 in versions 2 and 3, 41 in version 1)
 *    h+n     m  payload                (version 3: a zlib stream, to the end of the value, that inflates to m bytes)
 * </pre>
 *
 * <p>Version 3 is written only for a payload larger than the compression threshold
 * ({@link #DEFAULT_COMPRESS_ABOVE}, 16 KiB, unless the caller says otherwise) that deflates to fewer
 * bytes; every other value is written as version 2, byte for byte as before, so an instance of the
 * previous release reads it (it reads a version 3 value as a miss). The JDK's {@link Deflater} at
 * {@link Deflater#BEST_SPEED} is the codec: on 2 MiB of dashboard JSON it stores 7:1 in about 18 ms
 * and inflates in about 5 ms; zstd-jni is faster and about a fifth smaller, but a native dependency,
 * and these costs are paid once per load and once per instance per L2 hit (numbers and the choice in
 * docs/benchmarks.md). A later codec would be a new format version. Inflating is bounded: the declared length
 * must be at most {@link #MAX_INFLATED} and no more than that is ever produced, so a "zip bomb" written
 * to Redis costs at most that much memory and reads as a miss.
 *
 * Times are kept to the millisecond. The payload length makes a truncated value detectable. Version 2
 * added the load duration (for refresh-ahead); values written by version 1 still decode, so an
 * upgrade keeps L2 warm.
 * Version 3 added compression. {@link #decode} never throws: bytes it does not understand (a newer format
 * during a rolling upgrade, or garbage) read as {@code null}, a miss.
 */
public final class EnvelopeCodec {

    static final byte MAGIC = (byte) 0xDC;
    static final byte VERSION = 2;
    static final byte VERSION_1 = 1;
    static final byte VERSION_COMPRESSED = 3;
    /** Payloads larger than this are compressed unless the caller chose another threshold. */
    public static final int DEFAULT_COMPRESS_ABOVE = 16 * 1024;
    /** The largest payload a compressed value may declare: what inflating one may cost at most. */
    public static final int MAX_INFLATED = 64 * 1024 * 1024;
    private static final int FLAG_ABSENT = 1;
    private static final int HEADER_1 = 41;
    private static final int HEADER = 45;
    private static final int MAX_ETAG = 0xFFFF;

    private EnvelopeCodec() {
    }

    /** The envelope, the payload compressed when larger than {@link #DEFAULT_COMPRESS_ABOVE}. */
    public static byte[] encode(CacheEntry entry) {
        return encode(entry, DEFAULT_COMPRESS_ABOVE);
    }

    /**
     * The envelope, the payload compressed when it is larger than {@code compressAbove} bytes (and at
     * most {@link #MAX_INFLATED}) and compression saves bytes; {@link Integer#MAX_VALUE} never compresses.
     */
    public static byte[] encode(CacheEntry entry, int compressAbove) {
        if (compressAbove < 0) {
            throw new IllegalArgumentException("compressAbove must not be negative, got " + compressAbove);
        }
        byte[] payload = entry.payload();
        if (payload.length > compressAbove && payload.length <= MAX_INFLATED) {
            byte[] deflated = deflate(payload);
            if (deflated != null) {
                return envelope(entry, VERSION_COMPRESSED, deflated);
            }
        }
        return envelope(entry, VERSION, payload);
    }

    private static byte[] envelope(CacheEntry entry, byte version, byte[] body) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.UTF_8);
        if (etag.length > MAX_ETAG) {
            throw new IllegalArgumentException("etag longer than " + MAX_ETAG + " bytes");
        }
        byte[] payload = entry.payload();
        byte[] out = new byte[HEADER + etag.length + body.length];
        out[0] = MAGIC;
        out[1] = version;
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
        System.arraycopy(body, 0, out, HEADER + etag.length, body.length);
        return out;
    }

    /** The zlib stream of {@code payload}, or {@code null} when it would not be smaller. */
    private static byte[] deflate(byte[] payload) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(payload);
            deflater.finish();
            // not worth it unless it saves at least 1/16: the buffer is that bound
            byte[] out = new byte[payload.length - payload.length / 16];
            int length = 0;
            while (!deflater.finished() && length < out.length) {
                length += deflater.deflate(out, length, out.length - length);
            }
            return deflater.finished() ? Arrays.copyOf(out, length) : null;
        } finally {
            deflater.end();
        }
    }

    /** Exactly {@code length} inflated bytes from {@code in[from..]}, or {@code null} when they are not there. */
    private static byte[] inflate(byte[] in, int from, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, from, in.length - from);
            byte[] out = new byte[length];
            int done = 0;
            while (done < length) {
                int n = inflater.inflate(out, done, length - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    return null; // ends short, truncated, or not our stream
                }
                done += n;
            }
            // all of the declared length, and the stream ends there with nothing after it
            if (!inflater.finished()) {
                byte[] probe = new byte[1];
                if (inflater.inflate(probe) != 0 || !inflater.finished()) {
                    return null;
                }
            }
            return inflater.getRemaining() == 0 ? out : null;
        } catch (DataFormatException corrupt) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** The entry, or {@code null} when the bytes are missing, of another format, truncated or corrupt. */
    public static CacheEntry decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_1 || bytes[0] != MAGIC
                || (bytes[1] != VERSION && bytes[1] != VERSION_1 && bytes[1] != VERSION_COMPRESSED)) {
            return null;
        }
        boolean compressed = bytes[1] == VERSION_COMPRESSED;
        int header = bytes[1] == VERSION_1 ? HEADER_1 : HEADER;
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
        byte[] payload;
        if (compressed) {
            if (payloadLength < 0 || payloadLength > MAX_INFLATED || payloadStart >= bytes.length) {
                return null;
            }
            payload = inflate(bytes, payloadStart, payloadLength);
            if (payload == null) {
                return null;
            }
        } else if (payloadLength < 0 || (long) payloadStart + payloadLength != bytes.length) {
            return null;
        } else {
            payload = Arrays.copyOfRange(bytes, payloadStart, bytes.length);
        }
        try {
            return new CacheEntry(
                    payload,
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
