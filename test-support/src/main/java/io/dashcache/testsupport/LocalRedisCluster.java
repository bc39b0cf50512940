package io.dashcache.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster on loopback, of a test's own: {@code redis-server} nodes on free ports,
 * joined by {@code redis-cli --cluster create}, that a test may kill (SIGKILL) to see a replica
 * take over, and start again to see the old primary rejoin as a replica. Nothing is kept on disk
 * but each node's {@code nodes-<port>.conf} and logs, in a temporary directory that
 * {@link #close()} deletes.
 *
 * <pre>{@code
 * try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1)) {
 *     String url = cluster.url();              // redis-cluster://127.0.0.1:P1,127.0.0.1:P2,...
 *     int port = cluster.primaryPortForKey("k");
 *     cluster.killPrimaryOf("k");              // SIGKILL, as a crash
 *     cluster.awaitFailover(Duration.ofSeconds(30));
 *     cluster.restart(port);                   // back, as a replica of the node that took over
 * }
 * }</pre>
 *
 * Nodes use a 1 s node timeout and let any replica take over ({@code cluster-replica-validity-factor 0}),
 * so a failover takes a few seconds. Waits fail with an {@link IllegalStateException} that says what
 * was still wrong and ends with the tail of every node's log. Fails with a message saying what to
 * install when {@code redis-server} or {@code redis-cli} is not on the PATH.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Map<Integer, RedisProcess> nodes = new LinkedHashMap<>();

    private LocalRedisCluster(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts {@code primaries} primaries (at least 3, as {@code redis-cli --cluster create} asks) with
     * {@code replicasPerPrimary} replicas each, and returns once every node says the cluster is ok,
     * all see the same topology and every replica is in sync with its primary.
     *
     * @param extraServerArguments more {@code redis-server} options for every node, e.g. {@code --maxmemory 10mb}
     */
    public static LocalRedisCluster start(int primaries, int replicasPerPrimary, String... extraServerArguments) {
        if (primaries < 3 || replicasPerPrimary < 0) {
            throw new IllegalArgumentException("a cluster needs at least 3 primaries and no negative replica count, not "
                    + primaries + " primaries with " + replicasPerPrimary + " replicas each");
        }
        LocalRedisCluster cluster = new LocalRedisCluster(Reaper.temporaryDirectory("dashcache-cluster-"));
        boolean settled = false;
        try {
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < primaries * (1 + replicasPerPrimary); i++) {
                int port = FreePorts.withClusterBus(taken);
                taken.add(port);
                cluster.nodes.put(port, cluster.node(port, List.of(extraServerArguments)));
            }
            cluster.nodes.values().forEach(RedisProcess::start);
            cluster.create(replicasPerPrimary);
            cluster.awaitSettled(SETTLE_TIMEOUT, "the new cluster to settle");
            settled = true;
            return cluster;
        } finally {
            if (!settled) {
                cluster.close();
            }
        }
    }

    private RedisProcess node(int port, List<String> extraServerArguments) {
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port),
                "--cluster-enabled", "yes",
                "--cluster-config-file", directory.resolve("nodes-" + port + ".conf").toString(),
                "--cluster-node-timeout", "1000",
                "--cluster-replica-validity-factor", "0", // a replica takes over however long it was cut off
                "--repl-diskless-sync-delay", "0", // a replica (or a rejoining node) syncs at once, not after 5 s
                "--repl-diskless-load", "swapdb", // and loads the sync in memory: nothing on disk
                "--save", "", "--appendonly", "no"));
        arguments.addAll(extraServerArguments);
        return RedisProcess.server("cluster node " + port, directory, "node-" + port, arguments);
    }

    private void create(int replicasPerPrimary) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.keySet().forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerPrimary), "--cluster-yes"));
        Path output = directory.resolve("cluster-create.log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("These tests create a Redis Cluster with redis-cli, and it could not be run ("
                    + e.getMessage() + "). Install it (apt-get install redis-tools) so that redis-cli is on the PATH.", e);
        }
        try {
            if (!process.waitFor(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create did not finish within "
                        + SETTLE_TIMEOUT.toSeconds() + " s:\n" + RedisProcess.read(output) + logTails());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while creating the cluster", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed (exit " + process.exitValue() + "):\n"
                    + RedisProcess.read(output) + logTails());
        }
    }

    /** {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,...}: every node as a seed. */
    public String url() {
        return nodes.keySet().stream().map(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(",", "redis-cluster://", ""));
    }

    /** Every node's port, running or not, in the order they were started. */
    public List<Integer> ports() {
        return List.copyOf(nodes.keySet());
    }

    /** Every node, running or not, as seeds for a cluster client. */
    public Set<HostAndPort> nodes() {
        Set<HostAndPort> seeds = new LinkedHashSet<>();
        nodes.keySet().forEach(port -> seeds.add(new HostAndPort("127.0.0.1", port)));
        return seeds;
    }

    /** The running primary that the cluster says owns {@code key}'s slot. */
    public int primaryPortForKey(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        return view().stream().filter(node -> node.isPrimary() && node.owns(slot)).mapToInt(ClusterNodeLine::port)
                .filter(this::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running primary owns slot " + slot + " of key " + key
                        + " now (a failover under way?); call awaitFailover first\n" + logTails()));
    }

    /** The running nodes that the cluster says are primaries and not failing, sorted. */
    public List<Integer> primaryPorts() {
        return portsOf(ClusterNodeLine::isPrimary);
    }

    /** The running nodes that the cluster says are replicas and not failing, sorted. */
    public List<Integer> replicaPorts() {
        return portsOf(ClusterNodeLine::isReplica);
    }

    private List<Integer> portsOf(Predicate<ClusterNodeLine> role) {
        return view().stream().filter(role).filter(node -> !node.isFailing()).map(ClusterNodeLine::port)
                .filter(this::isRunning).sorted().toList();
    }

    /** Kills the node that owns {@code key}'s slot (SIGKILL); its replica takes over after the node timeout. */
    public void killPrimaryOf(String key) {
        kill(primaryPortForKey(key));
    }

    /** Kills a node at once (SIGKILL): its connections break and its data is gone. */
    public void kill(int port) {
        process(port).kill();
    }

    /**
     * Waits until every running node says the cluster is ok, all slots are owned by running primaries,
     * the running nodes agree on the topology and every running replica is in sync with its primary.
     */
    public void awaitFailover(Duration timeout) {
        awaitSettled(timeout, "the cluster to recover");
    }

    /**
     * Starts a killed node again on its port with its {@code nodes-<port>.conf}, empty, and waits until it has
     * rejoined (as a replica of the node that took over its slots, if one did) and the cluster is settled.
     */
    public void restart(int port) {
        RedisProcess node = process(port);
        if (node.isRunning()) {
            throw new IllegalStateException("cluster node " + port + " is running; kill it before restarting it");
        }
        node.start();
        awaitSettled(SETTLE_TIMEOUT, "cluster node " + port + " to rejoin");
    }

    /** Deletes every key on every primary (replicas follow). */
    public void flushAll() {
        for (int port : primaryPorts()) {
            try (Jedis jedis = Admin.connect(port)) {
                jedis.flushAll();
            }
        }
    }

    /** The tail of every node's log, for a failure message. */
    public String logTails() {
        StringBuilder tails = new StringBuilder();
        nodes.values().forEach(node -> tails.append(node.logTail(15)));
        return tails.toString();
    }

    /** Kills every node and deletes the directory with their logs and cluster configuration. */
    @Override
    public void close() {
        nodes.values().forEach(RedisProcess::kill);
        Reaper.delete(directory);
    }

    private void awaitSettled(Duration timeout, String goal) {
        Poll.until(timeout, goal, this::unsettled, this::logTails);
    }

    /** What keeps the cluster from being settled, or {@code null} when it is. */
    private String unsettled() {
        List<Integer> running = nodes.keySet().stream().filter(this::isRunning).toList();
        Map<Integer, Set<String>> topologies = new LinkedHashMap<>();
        List<ClusterNodeLine> view = List.of();
        for (int port : running) {
            try (Jedis jedis = Admin.connect(port)) {
                Map<String, String> info = Admin.fields(jedis.clusterInfo());
                if (!"ok".equals(info.get("cluster_state"))
                        || !Integer.toString(ClusterNodeLine.SLOTS).equals(info.get("cluster_slots_ok"))) {
                    return "node " + port + " says cluster_state:" + info.get("cluster_state")
                            + " with cluster_slots_ok:" + info.get("cluster_slots_ok");
                }
                view = ClusterNodeLine.parse(jedis.clusterNodes());
                topologies.put(port, view.stream().filter(node -> running.contains(node.port()))
                        .map(node -> node.isFailing() ? node.topology() + " failing" : node.topology())
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        if (topologies.values().stream().distinct().count() > 1) {
            return "the nodes do not see the same topology yet: " + topologies;
        }
        for (ClusterNodeLine node : view) {
            if (node.isFailing() && running.contains(node.port())) {
                return "running node " + node.port() + " is still flagged " + node.flags();
            }
        }
        int covered = view.stream().filter(node -> node.isPrimary() && running.contains(node.port()))
                .mapToInt(ClusterNodeLine::slotCount).sum();
        if (covered != ClusterNodeLine.SLOTS) {
            return "running primaries own " + covered + " of " + ClusterNodeLine.SLOTS + " slots: " + view;
        }
        for (ClusterNodeLine node : view) {
            if (node.isReplica() && running.contains(node.port())) {
                try (Jedis jedis = Admin.connect(node.port())) {
                    String link = Admin.fields(jedis.info("replication")).get("master_link_status");
                    if (!"up".equals(link)) {
                        return "replica " + node.port() + " has master_link_status:" + link;
                    }
                }
            }
        }
        return null;
    }

    /** How the first running node that answers sees the cluster. */
    private List<ClusterNodeLine> view() {
        RuntimeException last = null;
        for (int port : nodes.keySet()) {
            if (isRunning(port)) {
                try (Jedis jedis = Admin.connect(port)) {
                    return ClusterNodeLine.parse(jedis.clusterNodes());
                } catch (RuntimeException e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("no cluster node answered CLUSTER NODES\n" + logTails(), last);
    }

    private boolean isRunning(int port) {
        RedisProcess node = nodes.get(port);
        return node != null && node.isRunning();
    }

    private RedisProcess process(int port) {
        RedisProcess node = nodes.get(port);
        if (node == null) {
            throw new IllegalArgumentException(port + " is not a node of this cluster; its nodes are " + ports());
        }
        return node;
    }
}
