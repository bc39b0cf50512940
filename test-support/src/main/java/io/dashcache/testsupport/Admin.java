package io.dashcache.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * A harness's own connections to the servers it started, with short timeouts so that polling a
 * dead node fails fast.
 *
 * <pre>{@code
 * try (Jedis jedis = Admin.connect(port)) {
 *     String link = Admin.fields(jedis.info("replication")).get("master_link_status");
 * }
 * }</pre>
 */
final class Admin {

    private static final JedisClientConfig CONFIG = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(1000).socketTimeoutMillis(2000).build();

    private Admin() {
    }

    static Jedis connect(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port), CONFIG);
    }

    /** The {@code key:value} lines of INFO or CLUSTER INFO. */
    static Map<String, String> fields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        info.lines().filter(line -> line.indexOf(':') > 0).forEach(line -> fields.put(
                line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim()));
        return fields;
    }
}
