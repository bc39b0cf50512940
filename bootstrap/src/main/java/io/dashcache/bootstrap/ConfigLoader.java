package io.dashcache.bootstrap;

import io.dashcache.adapters.events.EventConsumerSettings;
import io.dashcache.adapters.redis.EnvelopeCodec;
import io.dashcache.adapters.redis.RedisSettings;
import io.dashcache.adapters.redis.ReplicaAcks;
import io.dashcache.application.changefeed.NoticeHold;
import io.dashcache.application.invalidation.EngineEventApplier;
import io.dashcache.application.metrics.MetricsReportSettings;
import io.dashcache.domain.AlertThresholds;
import io.dashcache.domain.DataType;
import io.dashcache.domain.InvalidInputException;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads {@link DashcacheConfig} from environment variables. A properties file named by
 * {@code DASHCACHE_CONFIG_FILE} may set the same names; the environment wins. A bad value is a
 * {@link ConfigException} whose message names the variable, the rule and the value.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE = "DASHCACHE_CONFIG_FILE";
    private static final long MAX_L1_BYTES = 64L * 1024 * 1024 * 1024;

    private final Map<String, String> values;

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Parses the environment (plus the file it may name) into a validated configuration. */
    public static DashcacheConfig load(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(readFile(environment.get(CONFIG_FILE)));
        environment.forEach((name, value) -> {
            if (name.startsWith("DASHCACHE_")) {
                merged.put(name, value);
            }
        });
        return new ConfigLoader(merged).parse();
    }

    private DashcacheConfig parse() {
        String prefix = text("DASHCACHE_KEY_PREFIX", "dash");
        try {
            KeyFormat.requirePrefix(prefix);
        } catch (InvalidInputException e) {
            throw new ConfigException("DASHCACHE_KEY_PREFIX must be 1 to 32 characters of A-Z a-z 0-9 . _ -, got '"
                    + prefix + "'");
        }
        Duration engineTimeout = Duration.ofMillis(number("DASHCACHE_ENGINE_TIMEOUT_MS", 2000, 10, 120_000,
                "a number of milliseconds from 10 to 120000"));
        Optional<String> redisUrl = redisUrl();
        Duration redisTimeout = Duration.ofMillis(number("DASHCACHE_REDIS_TIMEOUT_MS", 250, 10, 60_000,
                "a number of milliseconds from 10 to 60000"));
        return new DashcacheConfig(
                (int) number("DASHCACHE_HTTP_PORT", 8080, 0, 65535, "a port number from 0 to 65535"),
                redisUrl,
                prefix,
                engineUrl(),
                eventsStream(prefix),
                ttls(),
                l1MaxBytes(),
                Duration.ofSeconds(number("DASHCACHE_L1_TTL_SECONDS", 30, 1, 3600, "a number of seconds from 1 to 3600")),
                redisTimeout,
                engineTimeout,
                instanceId(),
                (int) number("DASHCACHE_DEMO_EVENTS_PER_MINUTE", 12, 0, 6000, "a number from 0 to 6000"),
                resilience(redisUrl, redisTimeout),
                auth(),
                readPath(engineTimeout),
                warming(),
                alerts(),
                metricsReport(),
                changeStream(),
                eventConsumer(),
                httpServer());
    }

    private EventConsumerConfig eventConsumer() {
        String heartbeatName = EventConsumerSettings.HEARTBEAT_VARIABLE;
        String livenessName = EventConsumerSettings.LIVENESS_VARIABLE;
        Duration heartbeat = Duration.ofMillis(number(heartbeatName, EventConsumerSettings.DEFAULT_HEARTBEAT.toMillis(),
                10, 60_000, "a number of milliseconds from 10 to 60000"));
        Duration liveness = Duration.ofMillis(number(livenessName, EventConsumerSettings.DEFAULT_LIVENESS.toMillis(),
                20, 600_000, "a number of milliseconds from 20 to 600000"));
        if (liveness.compareTo(heartbeat.multipliedBy(2)) < 0) { // one late beat must not make a live instance dead
            throw new ConfigException(livenessName + " must be at least twice " + heartbeatName + " ("
                    + heartbeat.toMillis() + "), got '" + liveness.toMillis() + "'");
        }
        return new EventConsumerConfig(heartbeat, liveness);
    }

    /** Change streams are connections too, and their heartbeats are what keeps them from being idle. */
    private HttpServerConfig httpServer() {
        HttpServerConfig defaults = HttpServerConfig.defaults();
        Duration deadline = Duration.ofMillis(number("DASHCACHE_HTTP_REQUEST_DEADLINE_MS",
                defaults.requestDeadline().toMillis(), 100, 600_000, "a number of milliseconds from 100 to 600000"));
        long heartbeat = number("DASHCACHE_SSE_HEARTBEAT_MS", 15_000, 10, 300_000, "a number of milliseconds from 10 to 300000");
        // by default twice the heartbeat, so a stream that missed one beat is still not idle
        Duration idle = Duration.ofMillis(number("DASHCACHE_HTTP_IDLE_TIMEOUT_MS",
                Math.max(defaults.idleTimeout().toMillis(), 2 * heartbeat), 1_000, 3_600_000,
                "a number of milliseconds from 1000 to 3600000"));
        int maxConnections = (int) number("DASHCACHE_HTTP_MAX_CONNECTIONS", defaults.maxConnections(), 1, 1_000_000,
                "a number of connections from 1 to 1000000");
        if (idle.toMillis() <= heartbeat) {
            throw new ConfigException("DASHCACHE_HTTP_IDLE_TIMEOUT_MS must be more than DASHCACHE_SSE_HEARTBEAT_MS ("
                    + heartbeat + "), or idle change streams are cut, got '" + idle.toMillis() + "'");
        }
        int streams = (int) number("DASHCACHE_SSE_MAX_STREAMS", 1000, 1, 100_000, "a number of streams from 1 to 100000");
        if (maxConnections <= streams) {
            throw new ConfigException("DASHCACHE_HTTP_MAX_CONNECTIONS must be more than DASHCACHE_SSE_MAX_STREAMS ("
                    + streams + "), or open change streams leave no connection for reads, got '" + maxConnections + "'");
        }
        return new HttpServerConfig(deadline, idle, maxConnections);
    }

    private ChangeStreamConfig changeStream() {
        int maxStreams = (int) number("DASHCACHE_SSE_MAX_STREAMS", 1000, 1, 100_000, "a number of streams from 1 to 100000");
        int perUser = (int) number("DASHCACHE_SSE_MAX_PER_USER", 5, 1, 1000, "a number of streams from 1 to 1000");
        if (perUser > maxStreams) {
            throw new ConfigException("DASHCACHE_SSE_MAX_PER_USER must be at most DASHCACHE_SSE_MAX_STREAMS ("
                    + maxStreams + "), got '" + perUser + "'");
        }
        return new ChangeStreamConfig(maxStreams, perUser,
                Duration.ofMillis(number("DASHCACHE_SSE_HEARTBEAT_MS", 15_000, 10, 300_000,
                        "a number of milliseconds from 10 to 300000")),
                (int) number("DASHCACHE_SSE_QUEUE_SIZE", 256, 32, 100_000, "a number of changes from 32 to 100000"),
                Duration.ofMillis(number("DASHCACHE_SSE_WRITE_TIMEOUT_MS", 5000, 10, 600_000,
                        "a number of milliseconds from 10 to 600000")),
                (int) number("DASHCACHE_SSE_REPLAY_SIZE", 1000, 0, 100_000, "a number of changes from 0 to 100000"),
                Duration.ofSeconds(number("DASHCACHE_SSE_REPLAY_SECONDS", 600, 0, 86_400,
                        "a number of seconds from 0 to 86400")),
                Duration.ofMillis(number("DASHCACHE_SSE_FRESH_WAIT_MS", NoticeHold.DEFAULT_BOUND.toMillis(), 0, 1000,
                        "a number of milliseconds from 0 (tell at once) to 1000")));
    }

    /** 0 turns L1 off (every read goes to L2: for measuring what L1 is worth); else at least 1 KiB. */
    private long l1MaxBytes() {
        String value = values.get("DASHCACHE_L1_MAX_BYTES");
        if (value != null && value.trim().equals("0")) {
            return 0;
        }
        return number("DASHCACHE_L1_MAX_BYTES", 268_435_456L, 1024, MAX_L1_BYTES,
                "0 (no L1) or a number of bytes from 1024 to 68719476736");
    }

    private ResilienceConfig resilience(Optional<String> redisUrl, Duration redisTimeout) {
        return new ResilienceConfig(
                Duration.ofMillis(number("DASHCACHE_REDIS_BREAKER_OPEN_MS", 5000, 100, 600_000,
                        "a number of milliseconds from 100 to 600000")),
                (int) number("DASHCACHE_ENGINE_MAX_CONCURRENCY", 16, 1, 1024, "a number from 1 to 1024"),
                Duration.ofMillis(number("DASHCACHE_ENGINE_QUEUE_WAIT_MS", 100, 0, 10_000,
                        "a number of milliseconds from 0 to 10000")),
                replicaAcks(redisUrl, redisTimeout),
                (int) number("DASHCACHE_PENDING_EVENTS_MAX", EngineEventApplier.DEFAULT_MAX_PENDING, 0, 1_000_000,
                        "a number of events from 0 to 1000000"));
    }

    /** A bad secret is named, never shown: the message says what is wrong with it, not what it is. */
    private AuthConfig auth() {
        String mode = text("DASHCACHE_AUTH", "none");
        Optional<String> webhookSecret = secret("DASHCACHE_WEBHOOK_SECRET", 32, "to sign events with HMAC-SHA256");
        Optional<String> metricsToken = secret("DASHCACHE_METRICS_TOKEN", 16, "for a bearer token");
        if (mode.equals("none")) {
            return new AuthConfig(false, Optional.empty(), Optional.empty(), Duration.ZERO, webhookSecret, metricsToken);
        }
        if (!mode.equals("jwt")) {
            throw new ConfigException("DASHCACHE_AUTH must be none (the caller's user id is the X-User-Id header) "
                    + "or jwt (a bearer token), got '" + shown(mode) + "'");
        }
        String secret = values.get("DASHCACHE_JWT_SECRET");
        Optional<String> jwtSecret = secret == null || secret.isEmpty() ? Optional.empty() : Optional.of(secret);
        Optional<URI> jwksUrl = jwksUrl();
        if (jwtSecret.isEmpty() && jwksUrl.isEmpty()) {
            throw new ConfigException("DASHCACHE_AUTH=jwt needs DASHCACHE_JWT_SECRET (an HS256 secret of at least "
                    + "32 bytes) or DASHCACHE_JWKS_URL");
        }
        if (jwtSecret.isPresent() && jwtSecret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException("DASHCACHE_JWT_SECRET must be at least 32 bytes for HS256, got "
                    + jwtSecret.get().getBytes(StandardCharsets.UTF_8).length + " (value not shown)");
        }
        Duration skew = Duration.ofSeconds(number("DASHCACHE_JWT_CLOCK_SKEW_SECONDS", 30, 0, 300,
                "a number of seconds from 0 to 300"));
        return new AuthConfig(true, jwtSecret, jwksUrl, skew, webhookSecret, metricsToken);
    }

    /** Unset or empty: none. Too short: one line naming the variable and the length, never the value. */
    private Optional<String> secret(String name, int minBytes, String purpose) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < minBytes || !value.strip().equals(value)) {
            throw new ConfigException(name + " must be at least " + minBytes + " bytes " + purpose
                    + ", without leading or trailing blanks, got " + bytes + " bytes (value not shown)");
        }
        return Optional.of(value);
    }

    private Optional<URI> jwksUrl() {
        String value = values.get("DASHCACHE_JWKS_URL");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = uri("DASHCACHE_JWKS_URL", value.trim(), "an http:// or https:// URL");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException("DASHCACHE_JWKS_URL must be an http:// or https:// URL with a host, got '"
                    + shown(value) + "'");
        }
        return Optional.of(uri);
    }

    private ReadPathConfig readPath(Duration engineTimeout) {
        return new ReadPathConfig(
                number("DASHCACHE_MAX_VALUE_BYTES", 1_048_576, 1024, 64L * 1024 * 1024,
                        "a number of bytes from 1024 to 67108864"),
                Duration.ofMillis(number("DASHCACHE_LEASE_TTL_MS", engineTimeout.toMillis() + 500, 100, 120_000,
                        "a number of milliseconds from 100 to 120000")),
                decimal("DASHCACHE_REFRESH_AHEAD_BETA", 1.0, 0, 100, "a number from 0 to 100 (0 turns it off)"),
                (int) number("DASHCACHE_COMPRESS_ABOVE_BYTES", EnvelopeCodec.DEFAULT_COMPRESS_ABOVE, 0,
                        EnvelopeCodec.MAX_INFLATED, "a number of bytes from 0 to " + EnvelopeCodec.MAX_INFLATED
                                + " (" + EnvelopeCodec.MAX_INFLATED + ": never compress)"));
    }

    private WarmingConfig warming() {
        return new WarmingConfig(
                Duration.ofSeconds(number("DASHCACHE_WARM_INTERVAL_SECONDS", 60, 0, 86_400,
                        "a number of seconds from 0 (off) to 86400")),
                (int) number("DASHCACHE_WARM_CONCURRENCY", 4, 1, 64, "a number from 1 to 64"),
                (int) number("DASHCACHE_WARM_RATE", 200, 1, 100_000, "a number of tasks per second from 1 to 100000"),
                (int) number("DASHCACHE_WARM_HOTTEST", 100, 0, 1000, "a number from 0 to 1000"),
                (int) number("DASHCACHE_WARM_QUEUE_CAPACITY", 10_000, 1, 1_000_000, "a number from 1 to 1000000"),
                bool("DASHCACHE_WARM_ON_FIRST_READ", true),
                (int) number("DASHCACHE_REFRESH_ON_INVALIDATION_PER_SECOND", 0, 0, 100_000,
                        "a number of keys per second from 0 (off) to 100000"));
    }

    /** Defaults from the specification: see {@link AlertThresholds}. */
    private AlertThresholds alerts() {
        return new AlertThresholds(
                fraction("DASHCACHE_ALERT_MIN_HIT_RATE", AlertThresholds.DEFAULT_MIN_HIT_RATE),
                Duration.ofMillis(number("DASHCACHE_ALERT_MAX_P95_MS", AlertThresholds.DEFAULT_MAX_P95.toMillis(), 1,
                        600_000, "a number of milliseconds from 1 to 600000")),
                fraction("DASHCACHE_ALERT_MAX_ERROR_RATE", AlertThresholds.DEFAULT_MAX_ERROR_RATE),
                number("DASHCACHE_ALERT_MIN_SAMPLES", AlertThresholds.DEFAULT_MIN_SAMPLES, 1, 1_000_000,
                        "a number of reads from 1 to 1000000"),
                Duration.ofMillis(number("DASHCACHE_ALERT_INVALIDATION_LAG_MS",
                        AlertThresholds.DEFAULT_MAX_INVALIDATION_LAG.toMillis(), 1, 3_600_000,
                        "a number of milliseconds from 1 to 3600000")));
    }

    private MetricsReportSettings metricsReport() {
        Duration window = Duration.ofSeconds(number("DASHCACHE_METRICS_WINDOW_SECONDS",
                MetricsReportSettings.DEFAULT_WINDOW.toSeconds(), 10, 3600, "a number of seconds from 10 to 3600"));
        Duration interval = Duration.ofSeconds(number("DASHCACHE_METRICS_SNAPSHOT_SECONDS",
                MetricsReportSettings.DEFAULT_SNAPSHOT_INTERVAL.toSeconds(), 1, 600, "a number of seconds from 1 to 600"));
        Duration retention = Duration.ofMinutes(number("DASHCACHE_METRICS_HISTORY_MINUTES",
                MetricsReportSettings.DEFAULT_RETENTION.toMinutes(), 1, 1440, "a number of minutes from 1 to 1440"));
        long points = retention.toSeconds() / interval.toSeconds();
        if (points > MetricsReportSettings.MAX_HISTORY_POINTS || retention.compareTo(interval) < 0) {
            throw new ConfigException("DASHCACHE_METRICS_HISTORY_MINUTES / DASHCACHE_METRICS_SNAPSHOT_SECONDS must give 1 to "
                    + MetricsReportSettings.MAX_HISTORY_POINTS + " history points, got " + retention.toMinutes()
                    + " min at one point every " + interval.toSeconds() + " s (" + points + " points)");
        }
        return new MetricsReportSettings(window, interval, retention);
    }

    /** A share from 0 to 1, such as a hit rate. */
    private double fraction(String name, double fallback) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new ConfigException(name + " must be a number from 0 to 1 (e.g. 0.8), got '" + shown(value) + "'");
    }

    private String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private long number(String name, long fallback, long min, long max, String rule) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new ConfigException(name + " must be " + rule + ", got '" + shown(value) + "'");
    }

    private double decimal(String name, double fallback, double min, double max, String rule) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new ConfigException(name + " must be " + rule + ", got '" + shown(value) + "'");
    }

    private boolean bool(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + shown(value) + "'");
        };
    }

    /** Checked by the Redis adapter's own parser, so what starts is exactly what it will connect to. */
    private Optional<String> redisUrl() {
        String value = text("DASHCACHE_REDIS_URL", "redis://127.0.0.1:6379");
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            RedisSettings.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return Optional.of(value.trim());
    }

    /** {@code DASHCACHE_REDIS_REPLICA_ACKS}: by default 1 on a cluster or Sentinel setup, 0 on one server. */
    private ReplicaAcks replicaAcks(Optional<String> redisUrl, Duration redisTimeout) {
        ReplicaAcks fallback = redisUrl.map(url -> ReplicaAcks.defaultFor(RedisSettings.of(url).topology()))
                .orElse(ReplicaAcks.none());
        int replicas = (int) number("DASHCACHE_REDIS_REPLICA_ACKS", fallback.replicas(), 0, 16,
                "a number of replicas from 0 to 16");
        long timeoutMillis = number("DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS", fallback.timeout().toMillis(), 1,
                10_000, "a number of milliseconds from 1 to 10000");
        long redisTimeoutMillis = redisTimeout.toMillis();
        // WAIT blocks its connection: past the socket timeout the wait would end as a broken connection
        if (replicas > 0 && timeoutMillis >= redisTimeoutMillis) {
            throw new ConfigException("DASHCACHE_REDIS_REPLICA_ACK_TIMEOUT_MS must be less than DASHCACHE_REDIS_TIMEOUT_MS ("
                    + redisTimeoutMillis + "), got '" + timeoutMillis + "'");
        }
        return ReplicaAcks.of(replicas, Duration.ofMillis(timeoutMillis));
    }

    private Optional<URI> engineUrl() {
        String value = values.get("DASHCACHE_ENGINE_URL");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = uri("DASHCACHE_ENGINE_URL", value.trim(), "an http:// or https:// URL");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null) {
            throw new ConfigException("DASHCACHE_ENGINE_URL must be an http:// or https:// URL with a host and no query, got '"
                    + shown(value) + "'");
        }
        return Optional.of(uri);
    }

    private String eventsStream(String prefix) {
        String value = text("DASHCACHE_EVENTS_STREAM", prefix + ":events");
        if (value.length() > 200 || !value.matches("[A-Za-z0-9._:{}-]+")) {
            throw new ConfigException("DASHCACHE_EVENTS_STREAM must be 1 to 200 characters of A-Z a-z 0-9 . _ : { } -, got '"
                    + shown(value) + "'");
        }
        return value;
    }

    private TtlPolicy ttls() {
        TtlPolicy policy = TtlPolicy.defaults();
        for (DataType type : DataType.values()) {
            String name = "DASHCACHE_TTL_" + type.configSuffix();
            if (values.get(name) != null && !values.get(name).isBlank()) {
                long seconds = number(name, 0, 1, TtlPolicy.MAX_TTL.toSeconds(), "a number of seconds from 1 to 604800");
                policy = policy.withTtl(type, Duration.ofSeconds(seconds));
            }
        }
        for (String name : values.keySet()) {
            if (name.startsWith("DASHCACHE_TTL_") && !knownTtlName(name)) {
                throw new ConfigException(name + " names no data type; the types are overview, analytics, "
                        + "user_preferences, system_status, performance_metrics, recent_activity, notifications, "
                        + "widget_data, aggregated_analytics (upper-cased)");
            }
        }
        return policy;
    }

    private static boolean knownTtlName(String name) {
        for (DataType type : DataType.values()) {
            if (name.equals("DASHCACHE_TTL_" + type.configSuffix())) {
                return true;
            }
        }
        return false;
    }

    private String instanceId() {
        String value = values.get("DASHCACHE_INSTANCE_ID");
        if (value == null || value.isBlank()) {
            return "dc-" + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        }
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("DASHCACHE_INSTANCE_ID must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got '"
                    + shown(value) + "'");
        }
        return value;
    }

    private static URI uri(String name, String value, String rule) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " must be " + rule + ", got '" + masked(value) + "'");
        }
    }

    private static Map<String, String> readFile(String path) {
        if (path == null || path.isBlank()) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(CONFIG_FILE + " names a file that cannot be read: " + path + " (" + e.getMessage() + ")");
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** A value safe to print: control characters replaced, length bounded. */
    private static String shown(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }

    /** A URL with any password replaced, for messages. */
    static String masked(String url) {
        return shown(url.replaceAll("(?<=://)([^:@/]*):[^@/]*@", "$1:***@"));
    }
}
