package io.dashcache.adapters.redis;

import io.dashcache.testsupport.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import redis.clients.jedis.Jedis;

/** The real Redis of these tests, one pooled connector for the whole run, and a port nobody listens on. */
final class TestRedis {

    private static RedisConnector connector;

    private TestRedis() {
    }

    static synchronized RedisConnector connector() {
        if (connector == null) {
            connector = new RedisConnector(RedisSettings.of(RedisTestServer.url()));
        }
        return connector;
    }

    /** A plain connection for what tests inspect or do behind an adapter's back. */
    static Jedis admin() {
        return new Jedis(URI.create(RedisTestServer.url()));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
