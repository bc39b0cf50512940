package io.dashcache.adapters.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Plain connections to single Redis servers on loopback (cluster nodes, a Sentinel setup's primary),
 * to see from outside where dashcache's connections sit and what a node holds.
 *
 * <pre>{@code
 * try (Jedis node = Loopback.connect(port)) { ... }
 * Optional<Integer> port = Loopback.serverWithClient(cluster.ports(), broadcast.subscriberClientName());
 * }</pre>
 */
final class Loopback {

    private Loopback() {
    }

    static Jedis connect(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port));
    }

    /** The one server among {@code ports} that has a client named {@code clientName} connected, if any. */
    static Optional<Integer> serverWithClient(List<Integer> ports, String clientName) {
        List<Integer> holding = new ArrayList<>();
        for (int port : ports) {
            try (Jedis server = connect(port)) {
                if (server.clientList().contains(" name=" + clientName + " ")) {
                    holding.add(port);
                }
            } catch (RuntimeException down) {
                // a killed server holds nobody
            }
        }
        if (holding.size() > 1) {
            throw new AssertionError(clientName + " is connected to several servers: " + holding);
        }
        return holding.stream().findFirst();
    }
}
