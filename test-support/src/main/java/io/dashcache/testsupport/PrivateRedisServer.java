package io.dashcache.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static final long READY_TIMEOUT_MS = 10_000;

    private final int port;
    private final boolean tls;
    private final List<String> arguments;
    private final Path directory;
    private Process process;
    private int starts;

    private PrivateRedisServer(int port, boolean tls, List<String> arguments) {
        this.port = port;
        this.tls = tls;
        this.arguments = List.copyOf(arguments);
        try {
            this.directory = Files.createTempDirectory("dashcache-redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain server; {@code extraArguments} are more {@code redis-server} options, e.g. {@code --user ...}. */
    public static PrivateRedisServer start(String... extraArguments) {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port)));
        arguments.addAll(List.of(extraArguments));
        return started(new PrivateRedisServer(port, false, arguments));
    }

    /** A TLS-only server (no plain port) that does not ask clients for certificates. */
    public static PrivateRedisServer startTls(Path certificate, Path privateKey, Path caCertificate,
                                              String... extraArguments) {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificate.toString(), "--tls-key-file", privateKey.toString(),
                "--tls-ca-cert-file", caCertificate.toString(), "--tls-auth-clients", "no"));
        arguments.addAll(List.of(extraArguments));
        return started(new PrivateRedisServer(port, true, arguments));
    }

    private static PrivateRedisServer started(PrivateRedisServer server) {
        server.launch();
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

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server at once (SIGKILL): connections break, nothing is saved. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly(); // SIGKILL also ends a frozen (SIGSTOPped) process
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing redis-server", e);
        }
        process = null;
    }

    /**
     * Stops the server without closing anything (SIGSTOP): connections stay open and go silent, as
     * with a hung server or a cut network; {@link #thaw()} resumes it with its data.
     */
    public synchronized void freeze() {
        signal("-STOP");
    }

    public synchronized void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " of redis-server failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server", e);
        }
    }

    /** Starts the server again on the same port with the same arguments (empty: nothing was kept). */
    public synchronized void restart() {
        kill();
        launch();
    }

    /** What the server logged, for a failure message. */
    public String log() {
        try {
            Path log = logFile();
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        kill();
    }

    private Path logFile() {
        return directory.resolve("redis-" + starts + ".log");
    }

    private synchronized void launch() {
        starts++;
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", directory.toString(), "--logfile", logFile().toString()));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis-" + starts + ".out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("These tests start a private redis-server, and none could be run ("
                    + e.getMessage() + "). Install it (apt-get install redis-server) so that redis-server is on the PATH.", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (log().contains("Ready to accept connections")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited at start-up:\n" + log());
            }
            try {
                Thread.sleep(20); // polling a process we started; there is nothing to be notified by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + port + " was not ready within " + READY_TIMEOUT_MS
                + " ms:\n" + log());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
