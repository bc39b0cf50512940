package io.dashcache.domain;

/**
 * What an alert is about, and how urgent it is by default. The performance kinds are raised per
 * data type (or for all reads together) from the recent window; the dependency kinds from the
 * health checks.
 */
public enum AlertKind {
    /** Too few reads are answered from a tier: the engine carries load the cache should take. */
    LOW_HIT_RATE(Severity.WARNING),
    /** The 95th percentile of read latency is above the target. */
    HIGH_LATENCY(Severity.WARNING),
    /** Too many reads fail: users see errors. */
    HIGH_ERROR_RATE(Severity.CRITICAL),
    /** Engine events take too long to reach the cache: the 95th percentile invalidation lag is above the target. */
    INVALIDATION_LAG(Severity.WARNING),
    /** Redis (L2) is unreachable or disabled: every instance runs on its own L1 and the engine. */
    REDIS_DEGRADED(Severity.WARNING),
    /** The engine fails: misses fail once nothing stale is left to serve. */
    ENGINE_DEGRADED(Severity.CRITICAL),
    /** Any other dependency reports DEGRADED. */
    DEPENDENCY_DEGRADED(Severity.WARNING);

    public enum Severity {
        WARNING,
        CRITICAL
    }

    private final Severity severity;

    AlertKind(Severity severity) {
        this.severity = severity;
    }

    /** The severity when nothing makes it worse (a performance alert on a CRITICAL grade is CRITICAL). */
    public Severity severity() {
        return severity;
    }

    /** The alert for a dependency reported DEGRADED by the health checks, by its name there. */
    public static AlertKind forDegradedDependency(String name) {
        return switch (name) {
            case "redis" -> REDIS_DEGRADED;
            case "engine" -> ENGINE_DEGRADED;
            default -> DEPENDENCY_DEGRADED;
        };
    }
}
