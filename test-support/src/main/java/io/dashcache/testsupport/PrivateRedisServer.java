package io.dashcache.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} of a test's own, on a free loopback port, that the test may kill and
 * start again on the same port: for outages, MONITOR, ACL users and TLS, none of which a test may
 * do to the shared server. Nothing is kept on disk.
 *
 * <pre>{@code
 * try (PrivateRedisServer redis = PrivateRedisServer.start()) {
 *     String url = redis.url();       // redis://127.0.0.1:<port>
 *     redis.kill();                   // SIGKILL, as a crash
 *     redis.restart();                // same port, same arguments, empty again
 * }
 * }</pre>
 *
 * Fails with a message saying what to install when {@code redis-server} is not on the PATH.
 */
public final class PrivateRedisServer implements AutoCloseable {

    private final int port;
    private final boolean tls;
    private final RedisProcess process;

    private PrivateRedisServer(int port, boolean tls, List<String> arguments) {
        this.port = port;
        this.tls = tls;
        List<String> all = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        all.addAll(arguments);
        this.process = RedisProcess.server("redis-server on port " + port,
                Reaper.temporaryDirectory("dashcache-redis-" + port + "-"), "redis", all);
    }

    /** A plain server; {@code extraArguments} are more {@code redis-server} options, e.g. {@code --user ...}. */
    public static PrivateRedisServer start(String... extraArguments) {
        int port = FreePorts.any();
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port)));
        arguments.addAll(List.of(extraArguments));
        return started(new PrivateRedisServer(port, false, arguments));
    }

    /** A TLS-only server (no plain port) that does not ask clients for certificates. */
    public static PrivateRedisServer startTls(Path certificate, Path privateKey, Path caCertificate,
                                              String... extraArguments) {
        int port = FreePorts.any();
        List<String> arguments = new ArrayList<>(List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificate.toString(), "--tls-key-file", privateKey.toString(),
                "--tls-ca-cert-file", caCertificate.toString(), "--tls-auth-clients", "no"));
        arguments.addAll(List.of(extraArguments));
        return started(new PrivateRedisServer(port, true, arguments));
    }

    private static PrivateRedisServer started(PrivateRedisServer server) {
        server.process.start();
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>} ({@code rediss://} for a TLS server). */
    public String url() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
    }

    /** {@code redis://user:password@127.0.0.1:<port>}. */
    public String url(String user, String password) {
        return (tls ? "rediss" : "redis") + "://" + user + ":" + password + "@127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Kills the server at once (SIGKILL): connections break, nothing is saved. */
    public void kill() {
        process.kill();
    }

    /**
     * Stops the server without closing anything (SIGSTOP): connections stay open and go silent, as
     * with a hung server or a cut network; {@link #thaw()} resumes it with its data.
     */
    public void freeze() {
        process.signal("-STOP");
    }

    public void thaw() {
        process.signal("-CONT");
    }

    /** Starts the server again on the same port with the same arguments (empty: nothing was kept). */
    public synchronized void restart() {
        process.kill();
        process.start();
    }

    /** What the server logged, for a failure message. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.kill();
    }
}
