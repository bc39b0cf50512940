package io.dashcache.adapters.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;

/**
 * A parsed {@code DASHCACHE_REDIS_URL}, in one of three shapes:
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/db]}: one server;</li>
 *   <li>{@code redis-cluster://[user:password@]host:port,host:port,...}: seeds of a Redis Cluster
 *       (the client learns the rest of the nodes from them; a cluster has database 0 only);</li>
 *   <li>{@code redis-sentinel://[user:password@]host:port,...,host:port/masterName[/db]}: the
 *       Sentinels that watch the primary named {@code masterName}.</li>
 * </ul>
 * An {@code s} after {@code redis} ({@code rediss://}, {@code rediss-cluster://},
 * {@code rediss-sentinel://}) means TLS to every node. As with {@code redis-cli -u}, user info
 * without a colon is a password alone; it is percent-decoded. The credentials are those of the data
 * nodes; Sentinels that have their own take them from {@code ?sentinelUser=...&sentinelPassword=...}.
 */
record RedisUrl(RedisTopology topology, List<HostAndPort> endpoints, String user, String password, int database,
                boolean tls, String masterName, String sentinelUser, String sentinelPassword) {

    static final String VARIABLE = "DASHCACHE_REDIS_URL";
    private static final int DEFAULT_PORT = 6379;
    private static final int DEFAULT_SENTINEL_PORT = 26379;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern NO_SPACE_OR_CONTROL = Pattern.compile("[^\\s\\p{Cntrl}]*");

    RedisUrl {
        endpoints = List.copyOf(endpoints);
    }

    /** One server without credentials, TLS or database: for tests and tools. */
    static RedisUrl standalone(String host, int port) {
        return new RedisUrl(RedisTopology.STANDALONE, List.of(new HostAndPort(host, port)), null, null, 0, false,
                null, null, null);
    }

    static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid(url, "it is empty");
        }
        String text = url.trim();
        if (!NO_SPACE_OR_CONTROL.matcher(text).matches()) {
            throw invalid(url, "it holds a space or a control character (percent-encode them in a password)");
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(url, "it is not a URL");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls = scheme.startsWith("rediss");
        RedisTopology topology = switch (scheme) {
            case "redis", "rediss" -> RedisTopology.STANDALONE;
            case "redis-cluster", "rediss-cluster" -> RedisTopology.CLUSTER;
            case "redis-sentinel", "rediss-sentinel" -> RedisTopology.SENTINEL;
            default -> throw invalid(url, "the scheme must be redis://, redis-cluster:// or redis-sentinel://"
                    + " (with rediss for TLS)");
        };
        String rest = text.substring(schemeEnd + 3);
        if (rest.indexOf('#') >= 0) {
            throw invalid(url, "fragments are not supported");
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/', rest.lastIndexOf('@') + 1);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at);
        String hosts = at < 0 ? authority : authority.substring(at + 1);
        String user = null;
        String password = null;
        if (!userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(url, userInfo);
            } else {
                user = colon == 0 ? null : decode(url, userInfo.substring(0, colon));
                password = decode(url, userInfo.substring(colon + 1));
            }
        }
        int defaultPort = topology == RedisTopology.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT;
        List<HostAndPort> endpoints = endpoints(url, hosts, defaultPort, topology);
        String masterName = null;
        int database = 0;
        switch (topology) {
            case STANDALONE -> database = database(url, path);
            case CLUSTER -> {
                if (!path.isEmpty() && !path.equals("/") && !path.equals("/0")) {
                    throw invalid(url, "a cluster has database 0 only, so the URL takes no path");
                }
            }
            case SENTINEL -> {
                String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
                if (parts.length == 0 || parts.length > 2 || !MASTER_NAME.matcher(parts[0]).matches()) {
                    throw invalid(url, "a sentinel URL ends with /masterName (or /masterName/db)");
                }
                masterName = parts[0];
                database = parts.length == 2 ? database(url, "/" + parts[1]) : 0;
            }
        }
        String[] sentinelCredentials = sentinelCredentials(url, query, topology);
        return new RedisUrl(topology, endpoints, user, password == null || password.isEmpty() ? null : password,
                database, tls, masterName, sentinelCredentials[0], sentinelCredentials[1]);
    }

    /** The first node: the only one of a single server. */
    HostAndPort first() {
        return endpoints.get(0);
    }

    private static List<HostAndPort> endpoints(String url, String hosts, int defaultPort, RedisTopology topology) {
        if (hosts.isEmpty()) {
            throw invalid(url, "it names no host");
        }
        String[] items = hosts.split(",", -1);
        if (topology == RedisTopology.STANDALONE && items.length > 1) {
            throw invalid(url, "redis:// names one server; use redis-cluster:// or redis-sentinel:// for several");
        }
        List<HostAndPort> endpoints = new ArrayList<>();
        for (String item : items) {
            endpoints.add(endpoint(url, item, defaultPort));
        }
        return endpoints;
    }

    private static HostAndPort endpoint(String url, String item, int defaultPort) {
        String host = item;
        String port = null;
        int close = item.lastIndexOf(']');
        int colon = item.lastIndexOf(':');
        if (item.startsWith("[") ? colon > close : colon >= 0) {
            host = item.substring(0, colon);
            port = item.substring(colon + 1);
        }
        if (!HOST.matcher(host).matches()) {
            throw invalid(url, "'" + item + "' is not a host name or address");
        }
        int number = defaultPort;
        if (port != null) {
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw invalid(url, "the port of '" + item + "' is not a number from 1 to 65535");
            }
            number = Integer.parseInt(port);
        }
        return new HostAndPort(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, number);
    }

    private static int database(String url, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String digits = path.substring(1);
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw invalid(url, "the path must be a database number such as /0");
        }
        return Integer.parseInt(digits);
    }

    private static String[] sentinelCredentials(String url, String query, RedisTopology topology) {
        String[] credentials = new String[2];
        if (query == null) {
            return credentials;
        }
        if (topology != RedisTopology.SENTINEL) {
            throw invalid(url, "query parameters are not supported (only sentinelUser and sentinelPassword, "
                    + "on a redis-sentinel:// URL)");
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : decode(url, pair.substring(equals + 1));
            switch (name) {
                case "sentinelUser" -> credentials[0] = value.isEmpty() ? null : value;
                case "sentinelPassword" -> credentials[1] = value.isEmpty() ? null : value;
                default -> throw invalid(url, "the only query parameters are sentinelUser and sentinelPassword");
            }
        }
        return credentials;
    }

    private static String decode(String url, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw invalid(url, "a % in the user info is not followed by two hex digits");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw invalid(url, "a % in the user info is not followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The URL with {@code ***} for every password: the only form that may be logged or shown. */
    String masked() {
        StringBuilder out = new StringBuilder(scheme()).append("://");
        if (user != null || password != null) {
            out.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
        }
        for (int i = 0; i < endpoints.size(); i++) {
            HostAndPort endpoint = endpoints.get(i);
            String host = endpoint.getHost();
            out.append(i == 0 ? "" : ",").append(host.contains(":") ? "[" + host + "]" : host).append(':')
                    .append(endpoint.getPort());
        }
        if (masterName != null) {
            out.append('/').append(masterName);
        }
        if (database != 0) {
            out.append('/').append(database);
        }
        if (sentinelUser != null || sentinelPassword != null) {
            out.append('?').append(sentinelUser == null ? "" : "sentinelUser=" + sentinelUser)
                    .append(sentinelUser != null && sentinelPassword != null ? "&" : "")
                    .append(sentinelPassword == null ? "" : "sentinelPassword=***");
        }
        return out.toString();
    }

    private String scheme() {
        String base = tls ? "rediss" : "redis";
        return switch (topology) {
            case STANDALONE -> base;
            case CLUSTER -> base + "-cluster";
            case SENTINEL -> base + "-sentinel";
        };
    }

    @Override
    public String toString() {
        return masked();
    }

    /** Masks whatever stands between the scheme and the last {@code @}, and any query: a bad URL may still hold a password. */
    static String maskRaw(String url) {
        if (url == null) {
            return "null";
        }
        String masked = url;
        int question = masked.indexOf('?');
        if (question >= 0) {
            masked = masked.substring(0, question) + "?***";
        }
        int at = masked.lastIndexOf('@');
        if (at < 0) {
            return masked;
        }
        int start = masked.indexOf("://");
        int userStart = start < 0 || start > at ? 0 : start + 3;
        int colon = masked.indexOf(':', userStart);
        // a user name is no secret and tells the operator which URL this was; what follows its colon is
        String user = colon >= 0 && colon < at ? masked.substring(userStart, colon + 1) : "";
        return masked.substring(0, userStart) + user + "***" + masked.substring(at);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException(VARIABLE + " must look like redis://[user:password@]host:port[/db], "
                + "redis-cluster://host:port,host:port,... or redis-sentinel://host:port,.../masterName "
                + "(rediss for TLS, or none), but " + why + ": '" + maskRaw(url) + "'");
    }
}
