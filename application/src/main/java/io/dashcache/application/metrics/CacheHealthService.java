package io.dashcache.application.metrics;

import io.dashcache.application.port.in.metrics.ReadCacheHealth;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import io.dashcache.application.port.out.reading.LocalCacheTier;
import java.util.List;

/** Gathers each dependency's state; the service is DEGRADED, never down, when one fails. */
public final class CacheHealthService implements ReadCacheHealth {

    private final List<DependencyCheck> checks;
    private final LocalCacheTier local;

    public CacheHealthService(List<DependencyCheck> checks, LocalCacheTier local) {
        this.checks = List.copyOf(checks);
        this.local = local;
    }

    @Override
    public HealthReport health() {
        List<DependencyHealth> states = checks.stream().map(CacheHealthService::safely).toList();
        boolean allUp = states.stream().allMatch(state -> state.state() == DependencyHealth.State.UP);
        return new HealthReport(allUp ? DependencyHealth.State.UP : DependencyHealth.State.DEGRADED, states,
                local.size(), local.weightInBytes());
    }

    /** A check that throws says nothing good about its dependency: DEGRADED, and /health still answers. */
    private static DependencyHealth safely(DependencyCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return DependencyHealth.degraded(check.getClass().getSimpleName(), "health check failed: " + e.getMessage());
        }
    }
}
