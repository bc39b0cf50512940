package io.dashcache.adapters.redis;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed {@code redis://[user:password@]host[:port][/db]} ({@code rediss://} for TLS). As with
 * {@code redis-cli -u}, user info without a colon is a password alone.
 */
record RedisUrl(String host, int port, String user, String password, int database, boolean tls) {

    static final String VARIABLE = "DASHCACHE_REDIS_URL";
    private static final int DEFAULT_PORT = 6379;

    static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid(url, "it is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL");
        }
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw invalid(url, "the scheme must be redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host (or a port that is not a number)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(url, "query parameters and fragments are not supported");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String user = null;
        String password = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = userInfo;
            } else {
                user = colon == 0 ? null : userInfo.substring(0, colon);
                password = userInfo.substring(colon + 1);
            }
        }
        return new RedisUrl(uri.getHost(), port, user, password == null || password.isEmpty() ? null : password,
                database(url, uri.getPath()), "rediss".equalsIgnoreCase(scheme));
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

    /** {@code redis://user:***@host:port/db}: the only form of the URL that may be logged or shown. */
    String masked() {
        StringBuilder out = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            out.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
        }
        out.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(':').append(port);
        if (database != 0) {
            out.append('/').append(database);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return masked();
    }

    /** Masks whatever stands between the scheme and the last {@code @}: a bad URL may still hold a password. */
    static String maskRaw(String url) {
        if (url == null) {
            return "null";
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int start = url.indexOf("://");
        return (start < 0 || start > at ? "" : url.substring(0, start + 3)) + "***" + url.substring(at);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException(VARIABLE + " must look like redis://[user:password@]host:port[/db] "
                + "(rediss:// for TLS, or none), but " + why + ": '" + maskRaw(url) + "'");
    }
}
