package io.dashcache.adapters.redis;

import static org.awaitility.Awaitility.await;

import io.dashcache.testsupport.LocalRedisCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * Every replica of a cluster frozen with SIGSTOP, so none acknowledges a write (as a replica that hangs
 * or is cut off would); {@link #close()} lets them go on and waits until each has caught up.
 *
 * <pre>{@code
 * try (StalledReplicas stalled = StalledReplicas.of(cluster)) { ... bumps that no replica confirms ... }
 * }</pre>
 */
final class StalledReplicas implements AutoCloseable {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final LocalRedisCluster cluster;
    private final List<String> pids = new ArrayList<>();

    private StalledReplicas(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    static StalledReplicas of(LocalRedisCluster cluster) {
        StalledReplicas stalled = new StalledReplicas(cluster);
        for (int port : cluster.replicaPorts()) {
            try (Jedis replica = Loopback.connect(port)) {
                String pid = replica.info("server").lines().filter(line -> line.startsWith("process_id:"))
                        .map(line -> line.substring("process_id:".length()).trim()).findFirst()
                        .orElseThrow(() -> new AssertionError("replica " + port + " does not say its process id"));
                signal("STOP", pid);
                stalled.pids.add(pid);
            }
        }
        return stalled;
    }

    @Override
    public void close() {
        pids.forEach(pid -> signal("CONT", pid));
        // the next test must meet replicas that confirm at once again
        for (int primary : cluster.primaryPorts()) {
            await("the replica of " + primary + " to catch up after the stall").atMost(CATCH_UP)
                    .until(() -> caughtUp(primary));
        }
    }

    /** The primary's replica is online and has acknowledged the primary's whole replication stream. */
    private static boolean caughtUp(int primaryPort) {
        try (Jedis primary = Loopback.connect(primaryPort)) {
            String info = primary.info("replication");
            String offset = info.lines().filter(line -> line.startsWith("master_repl_offset:"))
                    .map(line -> line.substring("master_repl_offset:".length()).trim()).findFirst().orElse("?");
            return info.lines().anyMatch(line -> line.startsWith("slave0:") && line.contains("state=online")
                    && line.contains(",offset=" + offset + ","));
        }
    }

    private static void signal(String signal, String pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError("these tests stall replicas with kill -" + signal + ", which could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stalling a replica", e);
        }
    }
}
