package io.dashcache.adapters.http.in;

import io.dashcache.application.port.messages.DependencyHealth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this API shows of a failure: the project's words for what failed and what to do, never a
 * library's class names. The checks behind {@code /health} and the alerts describe failures with
 * whatever their client threw ({@code JedisConnectionException: ...}, {@code SocketTimeoutException});
 * those names are translated here, at the edge, and the original text goes to the log.
 */
final class PublicText {

    private static final Logger LOG = LoggerFactory.getLogger(PublicText.class);

    /** A Java exception or error class name, qualified or not, with the colon that may follow it. */
    private static final Pattern THROWABLE = Pattern.compile(
            "\\b(?:[a-z_$][\\w$]*\\.)*([A-Z][\\w$]*(?:Exception|Error))\\b(?:\\s*:)?");
    /** A qualified class name that is no throwable ({@code redis.clients.jedis.Connection}). */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.){2,}[A-Z][\\w$]*\\b");

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("JedisConnectionException", "the connection failed:"),
            Map.entry("JedisClusterOperationException", "the cluster could not serve it:"),
            Map.entry("JedisAccessControlException", "Redis refused the user or password:"),
            Map.entry("JedisBusyException", "Redis is busy running a script:"),
            Map.entry("JedisDataException", "Redis refused the command:"),
            Map.entry("JedisException", "the Redis client failed:"),
            Map.entry("SocketTimeoutException", "timed out:"),
            Map.entry("HttpTimeoutException", "timed out:"),
            Map.entry("TimeoutException", "timed out:"),
            Map.entry("ConnectException", "the connection was refused:"),
            Map.entry("NoRouteToHostException", "no route to the host:"),
            Map.entry("UnknownHostException", "the host name does not resolve:"),
            Map.entry("SocketException", "the connection broke:"),
            Map.entry("EOFException", "the connection was closed:"),
            Map.entry("SSLHandshakeException", "the TLS handshake failed:"),
            Map.entry("SSLException", "TLS failed:"));

    /** What to do about each dependency being away, where its own text does not already say. */
    private static final Map<String, String> ADVICE = Map.of(
            "redis", "check that Redis runs and that DASHCACHE_REDIS_URL points at it; reads go on from L1 and the engine",
            "engine", "check that the Core Detection Engine at DASHCACHE_ENGINE_URL runs and answers");

    private static final Map<String, String> LAST_LOGGED = new ConcurrentHashMap<>();

    private PublicText() {
    }

    /** {@code text} with every exception class name replaced by what it means. */
    static String of(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher throwable = THROWABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (throwable.find()) {
            String meaning = MEANINGS.getOrDefault(throwable.group(1), "it failed:");
            throwable.appendReplacement(out, Matcher.quoteReplacement(throwable.group().endsWith(":")
                    ? meaning : meaning.substring(0, meaning.length() - 1)));
        }
        throwable.appendTail(out);
        String worded = QUALIFIED.matcher(out).replaceAll("a component").replaceAll(":\\s*:", ":").trim();
        return worded.endsWith(":") ? worded.substring(0, worded.length() - 1) : worded;
    }

    /** A dependency's detail for {@code /health} and the metrics report: in our words, with what to do when it is away. */
    static String detail(DependencyHealth dependency) {
        String raw = dependency.detail();
        String worded = of(raw);
        if (worded != null && !worded.equals(raw) && !raw.equals(LAST_LOGGED.put(dependency.name(), raw))) {
            LOG.info("{} is {}: {}", dependency.name(), dependency.state(), raw); // the detail, once per change
        }
        String advice = ADVICE.get(dependency.name());
        if (dependency.state() == DependencyHealth.State.DEGRADED && advice != null && worded != null
                && !worded.contains("DASHCACHE_")) {
            return worded + "; " + advice;
        }
        return worded;
    }
}
