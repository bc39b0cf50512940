package io.dashcache.domain;

/**
 * The one key builder: how cache keys, scope versions and the instance's other Redis names are
 * spelled under a prefix. Keys follow docs/contract.md ({@code dash:overview:user:42},
 * {@code dash:analytics:7d}, {@code dash:widget_data:user:42:heatmap}).
 *
 * <p>With {@code clusterHashTags}, every key names its hash slot explicitly so that a value and the
 * version of its scope always live in one slot: the user id stands in braces
 * ({@code dash:overview:user:{42}}) and a global key ends with its type in braces
 * ({@code dash:analytics:7d:{analytics}}). Without it (one Redis server) the keys read as plain
 * as the contract's table, which is what an operator types into {@code redis-cli --scan}.
 */
public record KeyFormat(String prefix, boolean clusterHashTags) {

    /** Segment reserved for scope version counters; never a data type's segment. */
    static final String VERSION_SEGMENT = "version";
    /** Segment reserved for load leases; never a data type's segment. */
    static final String LEASE_SEGMENT = "lease";
    /** Segment of applications' named caches (the embedded client's {@code NamedCache}); never a data type's segment. */
    static final String APP_SEGMENT = "app";

    public KeyFormat {
        requirePrefix(prefix);
    }

    public static KeyFormat standalone(String prefix) {
        return new KeyFormat(prefix, false);
    }

    /** Prefixes are 1 to 32 characters of {@code [A-Za-z0-9._-]}: no glob, brace or colon. */
    public static String requirePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > 32 || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidInputException("prefix",
                    "key prefix must be 1 to 32 characters of A-Z a-z 0-9 . _ -, got '"
                            + InvalidInputException.excerpt(prefix) + "'");
        }
        return prefix;
    }

    /** The Redis key of a cached value, of either kind. */
    public String valueKey(EntryKey key) {
        if (key instanceof CacheKey dashboard) {
            return valueKey(dashboard);
        }
        NamedKey named = (NamedKey) key;
        return namedValueKey(named.cacheName(), named.key());
    }

    /** The Redis key of a scope's version counter, in the same hash slot as the values it guards. */
    public String versionKey(Scope scope) {
        if (scope instanceof DashboardScope dashboard) {
            return versionKey(dashboard);
        }
        if (scope instanceof NamedEntryScope entry) {
            return namedVersionKey(entry.cache()) + ":" + hashed(entry.key());
        }
        return namedVersionKey(scope.cache());
    }

    /** The Redis key of a dashboard value. */
    public String valueKey(CacheKey key) {
        StringBuilder out = new StringBuilder(prefix).append(':').append(key.type().segment());
        appendScopeTail(out, key.scope());
        if (key.widget() != null) {
            out.append(':').append(key.widget().value());
        }
        if (key.period() != null) {
            out.append(':').append(key.period().code());
        }
        if (clusterHashTags && !key.scope().isPerUser()) {
            out.append(":{").append(key.type().segment()).append('}');
        }
        return out.toString();
    }

    /** The Redis key of a scope's version counter, in the same hash slot as the scope's values. */
    public String versionKey(DashboardScope scope) {
        StringBuilder out = new StringBuilder(prefix).append(':').append(VERSION_SEGMENT)
                .append(':').append(scope.type().segment());
        appendScopeTail(out, scope);
        if (clusterHashTags && !scope.isPerUser()) {
            out.append(":{").append(scope.type().segment()).append('}');
        }
        return out.toString();
    }

    /**
     * The Redis key of the short lease an instance takes before it loads {@code key} from the engine
     * ({@code dash:lease:overview:user:42}): the value key with {@code lease} after the prefix, so with
     * cluster hash tags it carries the value's tag and lives in the value's hash slot.
     */
    public String leaseKey(EntryKey key) {
        return prefix + ':' + LEASE_SEGMENT + valueKey(key).substring(prefix.length());
    }

    /** A SCAN pattern matching every value of one data type (operator tools only, never the hot path). */
    public String valuePattern(DataType type) {
        return prefix + ':' + type.segment() + '*';
    }

    /** A SCAN pattern matching every value and version this prefix owns (operator tools only). */
    public String everythingPattern() {
        return prefix + ":*";
    }

    /**
     * The Redis key of one entry of an application's named cache ({@code dash:app:{orders}:<sha-256>}):
     * the application's key is hashed (SHA-256, base64url), so no caller text ever reaches Redis as
     * is; the cache name in braces is a hash tag, so the entry and its cache's version share a slot.
     */
    public String namedValueKey(String cacheName, String key) {
        return prefix + ":" + APP_SEGMENT + ":{" + requireCacheName(cacheName) + "}:" + hashed(key);
    }

    /** The Redis key of a named cache's version counter ({@code dash:version:app:{orders}}). */
    public String namedVersionKey(String cacheName) {
        return prefix + ":" + VERSION_SEGMENT + ":" + APP_SEGMENT + ":{" + requireCacheName(cacheName) + "}";
    }

    /** Cache names are 1 to 64 characters of {@code [A-Za-z0-9._@-]}, like user ids. */
    public static String requireCacheName(String cacheName) {
        if (cacheName == null || cacheName.isEmpty() || cacheName.length() > 64
                || !cacheName.matches("[A-Za-z0-9._@-]+")) {
            throw new InvalidInputException("cacheName", "cache name must be 1 to 64 characters of "
                    + "A-Z a-z 0-9 . _ @ -, got '" + InvalidInputException.excerpt(cacheName) + "'");
        }
        return cacheName;
    }

    private static String hashed(String key) {
        if (key == null) {
            throw new InvalidInputException("key", "a named cache's key is required");
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A name under the prefix for the instance's own structures: streams, channels, leases. */
    public String name(String suffix) {
        return prefix + ':' + suffix;
    }

    private void appendScopeTail(StringBuilder out, DashboardScope scope) {
        if (scope.isPerUser()) {
            out.append(":user:");
            if (clusterHashTags) {
                out.append('{').append(scope.user().value()).append('}');
            } else {
                out.append(scope.user().value());
            }
        }
    }

    /**
     * Reads a value key back into the cache key it was built from; the inverse of
     * {@link #valueKey(CacheKey)}, in either spelling.
     *
     * @throws InvalidInputException when the text is not a value key under this prefix
     */
    public CacheKey parse(String redisKey) {
        if (redisKey == null || !redisKey.startsWith(prefix + ":")) {
            throw notAKey(redisKey);
        }
        String[] parts = redisKey.substring(prefix.length() + 1).split(":", -1);
        DataType type;
        try {
            type = DataType.fromSegment(parts[0]);
        } catch (InvalidInputException e) {
            throw notAKey(redisKey);
        }
        int expected = switch (type.scopeKind()) {
            case GLOBAL -> 1;
            case PERIOD -> 2;
            case USER -> 3;
            case USER_WIDGET -> 4;
        };
        boolean tagged = clusterHashTags && !type.scopeKind().isPerUser();
        if (parts.length != expected + (tagged ? 1 : 0)) {
            throw notAKey(redisKey);
        }
        if (tagged && !parts[expected].equals("{" + type.segment() + "}")) {
            throw notAKey(redisKey);
        }
        return switch (type.scopeKind()) {
            case GLOBAL -> CacheKey.global(type);
            case PERIOD -> CacheKey.forPeriod(type, Period.parse(parts[1]));
            case USER -> CacheKey.forUser(type, parseUser(parts, redisKey));
            case USER_WIDGET -> CacheKey.widget(parseUser(parts, redisKey), WidgetType.of(parts[3]));
        };
    }

    private UserId parseUser(String[] parts, String redisKey) {
        if (!parts[1].equals("user")) {
            throw notAKey(redisKey);
        }
        String user = parts[2];
        if (clusterHashTags) {
            if (user.length() < 3 || user.charAt(0) != '{' || user.charAt(user.length() - 1) != '}') {
                throw notAKey(redisKey);
            }
            user = user.substring(1, user.length() - 1);
        }
        return UserId.of(user);
    }

    private InvalidInputException notAKey(String redisKey) {
        return new InvalidInputException("key", "'" + InvalidInputException.excerpt(redisKey)
                + "' is not a dashcache value key under prefix '" + prefix + "'");
    }
}
