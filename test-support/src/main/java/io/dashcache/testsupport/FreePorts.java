package io.dashcache.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers a harness starts.
 *
 * <pre>{@code
 * int port = FreePorts.any();
 * List<Integer> ports = FreePorts.distinct(5);
 * int clusterPort = FreePorts.withClusterBus(taken); // port and port + 10000 both free
 * }</pre>
 */
final class FreePorts {

    /** A cluster node also listens on its port + 10000 (the cluster bus). */
    static final int CLUSTER_BUS_OFFSET = 10_000;
    // below Linux's ephemeral range (32768+), bus included, so outgoing connections never take them
    private static final int CLUSTER_LOWEST = 12_000;
    private static final int CLUSTER_HIGHEST = 22_000;

    private FreePorts() {
    }

    /** A port the operating system says is free now. */
    static int any() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} different ports that are free now. */
    static List<Integer> distinct(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(any()); // the system may hand out a port again once its socket is closed
        }
        return List.copyOf(ports);
    }

    /** A port that is free on 127.0.0.1 with its cluster bus port, and not in {@code taken}. */
    static int withClusterBus(Set<Integer> taken) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(CLUSTER_LOWEST, CLUSTER_HIGHEST);
            if (!taken.contains(port) && isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair (port and port + " + CLUSTER_BUS_OFFSET + ") between "
                + CLUSTER_LOWEST + " and " + CLUSTER_HIGHEST + " on 127.0.0.1");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
