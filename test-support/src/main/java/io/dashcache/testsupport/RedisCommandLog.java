package io.dashcache.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * Every command a Redis server receives, through {@code MONITOR}: to prove what an instance sends
 * (and never sends) to Redis. Use it on a {@link PrivateRedisServer} only; MONITOR sees every
 * client of the server.
 *
 * <pre>{@code
 * try (RedisCommandLog commands = RedisCommandLog.attach(redis.url())) {
 *     ... drive the instance ...
 *     commands.commands().forEach(command -> ...);  // each as its arguments, unquoted
 * }
 * }</pre>
 */
public final class RedisCommandLog implements AutoCloseable {

    private final Jedis connection;
    private final Thread reader;
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final List<String> unparsed = new CopyOnWriteArrayList<>();

    private RedisCommandLog(String url) {
        this.connection = new Jedis(URI.create(url));
        CountDownLatch started = new CountDownLatch(1);
        this.reader = new Thread(() -> {
            try {
                this.connection.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String line) {
                        started.countDown();
                        record(line);
                    }
                });
            } catch (RuntimeException closed) {
                // close() cut the connection under the blocked read: the end of the log
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
        // MONITOR shows its own first command only after it is on; a PING from elsewhere proves it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (Jedis probe = new Jedis(URI.create(url))) {
            while (started.getCount() > 0 && System.nanoTime() < deadline) {
                probe.ping();
                started.await(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started.getCount() > 0) {
            throw new IllegalStateException("MONITOR did not start");
        }
    }

    public static RedisCommandLog attach(String url) {
        return new RedisCommandLog(url);
    }

    /** The commands seen so far, each as its arguments (command name first), unescaped. */
    public List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** Lines MONITOR printed that did not parse (should be none). */
    public List<String> unparsed() {
        return List.copyOf(unparsed);
    }

    @Override
    public void close() {
        connection.disconnect();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String line) {
        List<String> parsed = parse(line);
        if (parsed == null) {
            unparsed.add(line);
        } else {
            commands.add(parsed);
        }
    }

    /**
     * {@code 1700000000.123456 [0 127.0.0.1:5555] "SET" "key" "va\"lue"}: the quoted arguments,
     * with Redis's escapes ({@code \\" \\\\ \\n \\r \\t \\a \\b \\xHH}) undone, each byte one char.
     */
    static List<String> parse(String line) {
        int start = line.indexOf("] ");
        if (start < 0) {
            return null;
        }
        List<String> arguments = new ArrayList<>();
        int i = start + 2;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            if (line.charAt(i) != '"') {
                return null;
            }
            StringBuilder argument = new StringBuilder();
            i++;
            while (true) {
                if (i >= line.length()) {
                    return null;
                }
                char c = line.charAt(i);
                if (c == '"') {
                    i++;
                    break;
                }
                if (c != '\\') {
                    argument.append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= line.length()) {
                    return null;
                }
                char escaped = line.charAt(i + 1);
                switch (escaped) {
                    case 'n' -> argument.append('\n');
                    case 'r' -> argument.append('\r');
                    case 't' -> argument.append('\t');
                    case 'a' -> argument.append('\u0007');
                    case 'b' -> argument.append('\b');
                    case 'x' -> {
                        if (i + 3 >= line.length()) {
                            return null;
                        }
                        argument.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                        i += 2;
                    }
                    default -> argument.append(escaped);
                }
                i += 2;
            }
            arguments.add(argument.toString());
        }
        return arguments;
    }
}
