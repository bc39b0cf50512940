import com.github.luben.zstd.Zstd;
import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.domain.CacheEntry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One-off measurement (not a test, not part of the build): Redis bytes per key (MEMORY USAGE) and
 * encode/decode time of dashboard JSON answers of 100 KiB to 2 MiB, stored as they are, deflated
 * (the JDK, levels 1 and 6) and with zstd-jni (levels 1 and 3). Command in docs/benchmarks.md.
 */
public final class EnvelopeCompression {

    interface Codec {
        byte[] compress(byte[] in);

        byte[] decompress(byte[] in, int length);
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = {16 * 1024, 100 * 1024, 512 * 1024, 2 * 1024 * 1024};
        try (Socket redis = new Socket("127.0.0.1", 6379)) {
            System.out.printf("%-10s %-14s %12s %12s %10s %10s%n", "payload", "codec", "stored B", "MEMORY USAGE",
                    "encode ms", "decode ms");
            for (int size : sizes) {
                byte[] json = dashboardJson(size);
                CacheEntry entry = CacheEntry.loaded(json, Instant.now(), Duration.ofSeconds(60), Duration.ofSeconds(10),
                        0, Duration.ofMillis(40));
                // the envelope as dashcache writes it: none (version 2) and Deflater level 1 (version 3)
                row(redis, size, "none (v2)", () -> EnvelopeCodec.encode(entry, Integer.MAX_VALUE), EnvelopeCodec::decode);
                row(redis, size, "deflate-1 (v3)", () -> EnvelopeCodec.encode(entry), EnvelopeCodec::decode);
                // the payload alone with the alternatives
                row(redis, size, "deflate-6", () -> deflate(json, 6), b -> inflate(b, json.length));
                row(redis, size, "zstd-1", () -> Zstd.compress(json, 1), b -> Zstd.decompress(b, json.length));
                row(redis, size, "zstd-3", () -> Zstd.compress(json, 3), b -> Zstd.decompress(b, json.length));
            }
        }
    }

    private static void row(Socket redis, int size, String name, java.util.function.Supplier<byte[]> encode,
                            java.util.function.Function<byte[], Object> decode) throws Exception {
        byte[] stored = encode.get();
        for (int i = 0; i < 30; i++) { // warm up
            decode.apply(encode.get());
        }
        int rounds = size > 600_000 ? 40 : 200;
        long[] enc = new long[rounds];
        long[] dec = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            byte[] bytes = encode.get();
            long t1 = System.nanoTime();
            if (decode.apply(bytes) == null) {
                throw new IllegalStateException("did not decode");
            }
            long t2 = System.nanoTime();
            enc[i] = t1 - t0;
            dec[i] = t2 - t1;
        }
        Arrays.sort(enc);
        Arrays.sort(dec);
        String key = "bench-compression:" + name.replace(' ', '_') + ":" + size;
        command(redis, "SET".getBytes(), key.getBytes(), stored);
        String usage = command(redis, "MEMORY".getBytes(), "USAGE".getBytes(), key.getBytes());
        command(redis, "DEL".getBytes(), key.getBytes());
        System.out.printf("%-10s %-14s %12d %12s %10.3f %10.3f%n", size / 1024 + " KiB", name, stored.length,
                usage.substring(1), enc[rounds / 2] / 1e6, dec[rounds / 2] / 1e6);
    }

    /** A minimal RESP call: the reply's first line. */
    private static String command(Socket redis, byte[]... parts) throws Exception {
        OutputStream out = redis.getOutputStream();
        StringBuilder head = new StringBuilder("*").append(parts.length).append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            out.write(("$" + part.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        InputStream in = redis.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static byte[] deflate(byte[] in, int level) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(in);
        deflater.finish();
        byte[] out = new byte[in.length + 64];
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(out, n, out.length - n);
        }
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] inflate(byte[] in, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length) {
                n += inflater.inflate(out, n, length - n);
            }
            return out;
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] dashboardJson(int bytes) {
        return io.dashcache.testsupport.DashboardJson.ofAbout(bytes);
    }
}
