package io.dashcache.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process (a data node or a sentinel) that a harness starts, kills and
 * starts again with the same arguments. Each start logs to its own {@code <name>-<n>.log} (and
 * {@code .out} for what the server printed before it opened the log) in the harness's directory.
 *
 * <pre>{@code
 * RedisProcess node = RedisProcess.server("node 7000", directory, "node-7000", List.of("--port", "7000"));
 * node.start();   // returns once the server accepts connections
 * node.kill();    // SIGKILL
 * }</pre>
 *
 * A process still running when the JVM exits is killed then ({@link Reaper}).
 */
final class RedisProcess {

    private static final long READY_TIMEOUT_MS = 10_000;

    private final String name;
    private final Path directory;
    private final String logName;
    private final List<String> leadingArguments;
    private final List<String> arguments;
    private final String readyMarker;
    private Process process;
    private int starts;

    private RedisProcess(String name, Path directory, String logName, List<String> leadingArguments,
                         List<String> arguments, String readyMarker) {
        this.name = name;
        this.directory = directory;
        this.logName = logName;
        this.leadingArguments = List.copyOf(leadingArguments);
        this.arguments = List.copyOf(arguments);
        this.readyMarker = readyMarker;
    }

    /** A data node; {@code arguments} follow {@code --bind 127.0.0.1 --dir --logfile}, so they may override them. */
    static RedisProcess server(String name, Path directory, String logName, List<String> arguments) {
        return new RedisProcess(name, directory, logName, List.of(), arguments, "Ready to accept connections");
    }

    /** A sentinel: it rewrites {@code configFile}, so that must be a file of its own in a writable directory. */
    static RedisProcess sentinel(String name, Path directory, String logName, Path configFile, List<String> arguments) {
        return new RedisProcess(name, directory, logName, List.of(configFile.toString(), "--sentinel"), arguments,
                "Sentinel ID is");
    }

    String name() {
        return name;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Launches the server and returns once it accepts connections. */
    synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        List<String> command = new ArrayList<>(List.of("redis-server"));
        command.addAll(leadingArguments);
        command.addAll(List.of("--bind", "127.0.0.1", "--dir", directory.toString(),
                "--logfile", logFile().toString()));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(outFile().toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("These tests start a private redis-server, and none could be run ("
                    + e.getMessage() + "). Install it (apt-get install redis-server) so that redis-server is on the PATH.", e);
        }
        Reaper.watch(process);
        awaitReady();
    }

    /** Kills the server at once (SIGKILL): connections break, nothing is saved. Does nothing when it is not running. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly(); // SIGKILL also ends a frozen (SIGSTOPped) process
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
        Reaper.forget(process);
        process = null;
    }

    /** Sends a signal by name ({@code -STOP}, {@code -CONT}) with {@code kill}. */
    synchronized void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " of " + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** What the server logged since its last start, after anything it printed before opening its log. */
    String log() {
        return read(outFile()) + read(logFile());
    }

    /** The last {@code lines} lines of {@link #log()}, headed by the server's name, for a failure message. */
    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return "--- " + name + (isRunning() ? "" : " (not running)") + ", last lines of its log ---\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    }

    private Path logFile() {
        return directory.resolve(logName + "-" + starts + ".log");
    }

    private Path outFile() {
        return directory.resolve(logName + "-" + starts + ".out");
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")\n";
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (read(logFile()).contains(readyMarker)) {
                return;
            }
            if (!process.isAlive()) {
                Reaper.forget(process);
                process = null;
                throw new IllegalStateException(name + " exited at start-up:\n" + log());
            }
            Poll.pause();
        }
        kill();
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT_MS + " ms:\n" + log());
    }
}
