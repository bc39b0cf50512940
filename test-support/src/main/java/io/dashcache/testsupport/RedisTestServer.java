package io.dashcache.testsupport;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis that tests talk to: {@code DASHCACHE_TEST_REDIS_URL} when set, else a Testcontainers
 * Redis when a Docker engine answers, else the local server at {@code redis://127.0.0.1:6379}.
 * When none answers, {@link #url()} fails the test with a message saying what to start; a Redis
 * test is never skipped.
 *
 * <pre>{@code
 * String url = RedisTestServer.url();
 * String prefix = RedisTestServer.uniquePrefix(); // keys of this test never collide with another's
 * ...
 * RedisTestServer.deleteKeys(prefix);
 * }</pre>
 */
public final class RedisTestServer {

    public static final String URL_VARIABLE = "DASHCACHE_TEST_REDIS_URL";
    private static final String LOCAL = "redis://127.0.0.1:6379";

    private static volatile String url;

    private RedisTestServer() {
    }

    public static synchronized String url() {
        if (url == null) {
            url = resolve();
        }
        return url;
    }

    /** A key prefix no other test uses: {@code t} and 12 random hex digits. */
    public static String uniquePrefix() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "t" + HexFormat.of().formatHex(bytes);
    }

    /** Deletes every key under {@code prefix:} (SCAN, so it is for test clean-up only). */
    public static void deleteKeys(String prefix) {
        try (RedisClient client = RedisClient.create(URI.create(url()))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(prefix + ":*").count(500);
            do {
                ScanResult<String> page = client.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    client.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private static String resolve() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return requireAnswer(configured, "the server named by " + URL_VARIABLE);
        }
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return requireAnswer("redis://" + container.getHost() + ":" + container.getMappedPort(6379),
                    "the Testcontainers Redis");
        }
        return requireAnswer(LOCAL, "the local server (no Docker engine for Testcontainers)");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String requireAnswer(String candidate, String what) {
        try (RedisClient client = RedisClient.create(URI.create(candidate))) {
            if ("PONG".equals(client.ping())) {
                return candidate;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(failure(candidate, what) + " (" + e.getMessage() + ")", e);
        }
        throw new IllegalStateException(failure(candidate, what));
    }

    private static String failure(String candidate, String what) {
        return "These tests need a real Redis, and " + what + " did not answer PING at " + candidate
                + ". Start one (redis-server --port 6379 --save '' --daemonize yes) or set " + URL_VARIABLE + ".";
    }
}
