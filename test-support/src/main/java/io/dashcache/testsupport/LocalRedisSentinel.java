package io.dashcache.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Sentinel setup on loopback, of a test's own: a primary, its replica and three sentinels
 * (quorum 2, down after 1 s) on free ports, so that a test may kill the primary and see the
 * sentinels promote the replica. Nothing is kept on disk but the sentinels' configuration files
 * and logs, in a temporary directory that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (LocalRedisSentinel sentinel = LocalRedisSentinel.start("mymaster")) {
 *     String url = sentinel.url();             // redis-sentinel://127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3/mymaster
 *     int before = sentinel.primaryPort();
 *     sentinel.killPrimary();                  // SIGKILL, as a crash
 *     sentinel.awaitFailover(Duration.ofSeconds(30));
 *     int after = sentinel.primaryPort();      // the former replica
 * }
 * }</pre>
 *
 * There is one replica, so one failover: after it the setup has a primary and no replica. Waits fail
 * with an {@link IllegalStateException} that says what was still wrong and ends with the tail of
 * every server's log. Fails with a message saying what to install when {@code redis-server} is not
 * on the PATH.
 */
public final class LocalRedisSentinel implements AutoCloseable {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final String masterName;
    private final Path directory;
    private final Map<Integer, RedisProcess> dataNodes = new LinkedHashMap<>();
    private final Map<Integer, RedisProcess> sentinels = new LinkedHashMap<>();
    private int killedPrimary = -1;

    private LocalRedisSentinel(String masterName, Path directory) {
        this.masterName = masterName;
        this.directory = directory;
    }

    /**
     * Starts the primary and its replica, waits until the replica is in sync, then starts the sentinels
     * and returns once each of them sees the primary, the replica and the two other sentinels.
     */
    public static LocalRedisSentinel start(String masterName) {
        if (!masterName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a master name of letters, digits, '.', '_' and '-', not '" + masterName + "'");
        }
        LocalRedisSentinel setup = new LocalRedisSentinel(masterName, Reaper.temporaryDirectory("dashcache-sentinel-"));
        boolean settled = false;
        try {
            List<Integer> ports = FreePorts.distinct(5);
            setup.startDataNodes(ports.get(0), ports.get(1));
            setup.startSentinels(ports.get(0), ports.subList(2, 5));
            settled = true;
            return setup;
        } finally {
            if (!settled) {
                setup.close();
            }
        }
    }

    private void startDataNodes(int primary, int replica) {
        dataNodes.put(primary, dataNode(primary, List.of()));
        dataNodes.put(replica, dataNode(replica, List.of("--replicaof", "127.0.0.1", Integer.toString(primary))));
        dataNodes.values().forEach(RedisProcess::start);
        // the sentinels learn of the replica from the primary's INFO, which they ask once at first and then every 10 s
        Poll.until(SETTLE_TIMEOUT, "the replica to sync with the primary", () -> {
            try (Jedis jedis = Admin.connect(replica)) {
                String link = Admin.fields(jedis.info("replication")).get("master_link_status");
                return "up".equals(link) ? null : "the replica has master_link_status:" + link;
            }
        }, this::logTails);
    }

    private RedisProcess dataNode(int port, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(port), "--save", "", "--appendonly", "no",
                "--repl-diskless-sync-delay", "0", // the replica syncs at once, not after 5 s
                "--repl-diskless-load", "swapdb")); // and loads the sync in memory: nothing on disk
        all.addAll(arguments);
        return RedisProcess.server("redis-server on port " + port, directory, "redis-" + port, all);
    }

    private void startSentinels(int primary, List<Integer> ports) {
        for (int port : ports) {
            Path config = directory.resolve("sentinel-" + port + ".conf");
            write(config, String.join("\n",
                    "port " + port,
                    "sentinel monitor " + masterName + " 127.0.0.1 " + primary + " 2",
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    "sentinel failover-timeout " + masterName + " 5000",
                    ""));
            sentinels.put(port, RedisProcess.sentinel("sentinel on port " + port, directory, "sentinel-" + port, config,
                    List.of()));
        }
        sentinels.values().forEach(RedisProcess::start);
        Poll.until(SETTLE_TIMEOUT, "the sentinels to see the primary, the replica and each other", this::unsettled,
                this::logTails);
    }

    /** What a sentinel does not see yet, or {@code null} when all see the primary, its replica and each other. */
    private String unsettled() {
        for (int port : sentinels.keySet()) {
            try (Jedis jedis = Admin.connect(port)) {
                Map<String, String> master = jedis.sentinelMaster(masterName);
                List<Map<String, String>> replicas = jedis.sentinelReplicas(masterName);
                if (!"master".equals(master.get("flags")) || !"2".equals(master.get("num-other-sentinels"))
                        || replicas.size() != 1 || !"slave".equals(replicas.get(0).get("flags"))) {
                    return "sentinel " + port + " sees master " + master + " with replicas " + replicas;
                }
            }
        }
        return null;
    }

    /** {@code redis-sentinel://127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3/<masterName>}. */
    public String url() {
        return sentinels.keySet().stream().map(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(",", "redis-sentinel://", "/" + masterName));
    }

    public String masterName() {
        return masterName;
    }

    /** The sentinels, for a client's builder. */
    public Set<HostAndPort> sentinels() {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        sentinels.keySet().forEach(port -> addresses.add(new HostAndPort("127.0.0.1", port)));
        return addresses;
    }

    /** The port of the primary as the first sentinel that answers names it (SENTINEL get-master-addr-by-name). */
    public int primaryPort() {
        RuntimeException last = null;
        for (int port : sentinels.keySet()) {
            try (Jedis jedis = Admin.connect(port)) {
                return Integer.parseInt(jedis.sentinelGetMasterAddrByName(masterName).get(1));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no sentinel named the primary of " + masterName + "\n" + logTails(), last);
    }

    /** Kills the primary at once (SIGKILL); the sentinels promote the replica after about a second. */
    public void killPrimary() {
        int port = primaryPort();
        RedisProcess primary = dataNodes.get(port);
        if (primary == null || !primary.isRunning()) {
            throw new IllegalStateException("the sentinels name " + port + " as primary, which is not running\n"
                    + logTails());
        }
        primary.kill();
        killedPrimary = port;
    }

    /**
     * Waits until every sentinel names the same primary, other than the one {@link #killPrimary()} killed,
     * and that primary is running and answers ROLE as master.
     */
    public void awaitFailover(Duration timeout) {
        Poll.until(timeout, "the sentinels to fail over", this::failoverPending, this::logTails);
    }

    private String failoverPending() {
        Set<String> named = new LinkedHashSet<>();
        for (int port : sentinels.keySet()) {
            try (Jedis jedis = Admin.connect(port)) {
                named.add(String.join(":", jedis.sentinelGetMasterAddrByName(masterName)));
            }
        }
        if (named.size() != 1) {
            return "the sentinels name different primaries: " + named;
        }
        int port = Integer.parseInt(named.iterator().next().split(":")[1]);
        if (port == killedPrimary) {
            return "the sentinels still name the killed primary " + port;
        }
        RedisProcess primary = dataNodes.get(port);
        if (primary == null || !primary.isRunning()) {
            return "the sentinels name " + port + ", which is not running";
        }
        try (Jedis jedis = Admin.connect(port)) {
            Object role = jedis.role().get(0);
            String name = role instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(role);
            return "master".equals(name) ? null : "the named primary " + port + " answers ROLE as " + name;
        }
    }

    /** The tail of every server's log, for a failure message. */
    public String logTails() {
        StringBuilder tails = new StringBuilder();
        Stream.concat(dataNodes.values().stream(), sentinels.values().stream())
                .forEach(process -> tails.append(process.logTail(15)));
        return tails.toString();
    }

    /** Kills every server and deletes the directory with their logs and the sentinels' configuration. */
    @Override
    public void close() {
        sentinels.values().forEach(RedisProcess::kill);
        dataNodes.values().forEach(RedisProcess::kill);
        Reaper.delete(directory);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
