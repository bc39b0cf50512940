package io.dashcache.application.port.in.metrics;

import io.dashcache.application.port.messages.DependencyHealth;
import java.util.List;

/** How the cache and its dependencies are doing, for {@code /health}. */
@FunctionalInterface
public interface ReadCacheHealth {

    /**
     * @param status        UP when every dependency is UP, else DEGRADED (the service still answers)
     * @param dependencies  each dependency's state
     * @param l1Entries     entries in this instance's L1
     * @param l1Bytes       their weight in bytes
     */
    record HealthReport(DependencyHealth.State status, List<DependencyHealth> dependencies, long l1Entries,
                        long l1Bytes) {
    }

    HealthReport health();
}
