package io.dashcache.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the harness starts as a JVM of its own (an instance, the stand-in engine, the bare Javalin
 * floor): its output goes to a log file, it is ready once its port takes connections, and it is ended
 * with the harness (also when the harness is stopped). Its CPU is read from {@code /proc}, its profile
 * taken with {@code jcmd JFR.start} / {@code JFR.stop}.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code java [jvmOptions] -cp classpath mainClass [args]} with {@code environment} added to
     * this process's, and waits until it listens on {@code port}.
     */
    static ServerProcess start(String name, String classpath, List<String> jvmOptions, String mainClass,
                               List<String> args, Map<String, String> environment, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Path log = Files.createTempFile("dashcache-load-" + name.replaceAll("[^A-Za-z0-9]+", "-") + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(name, process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        server.awaitListening();
        return server;
    }

    /** A port free just now on 127.0.0.1, for a server to bind. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended at start-up (exit " + process.exitValue() + "): "
                        + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within 90 s; its log: " + log);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** user + system CPU of the process so far, in nanoseconds. */
    long cpuNanos() {
        return ProcCpu.processNanos(process.pid());
    }

    /**
     * Starts a flight recording in the process, with JFR's {@code profile} settings (execution samples
     * every 10 ms, allocation samples; a few per cent of overhead, the same for every server measured).
     */
    void startRecording(String recording) {
        jcmd("JFR.start", "name=" + recording, "settings=profile");
    }

    /** Stops the recording and writes it to {@code file}. */
    void stopRecording(String recording, Path file) {
        jcmd("JFR.stop", "name=" + recording, "filename=" + file);
    }

    private void jcmd(String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(process.pid()));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + String.join(" ", line), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
