package io.dashcache.application.testing;

import io.dashcache.application.port.messages.InvalidationLagStage;
import io.dashcache.application.port.out.metrics.CacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers the invalidations and tier errors a use case reports, for assertions. */
public final class RecordedInvalidations implements CacheMetrics {

    /** One {@code cause:scopes} line per recorded invalidation. */
    public final List<String> invalidations = new CopyOnWriteArrayList<>();
    public final List<String> tierErrors = new CopyOnWriteArrayList<>();
    /** One {@code stage=millis} line per recorded invalidation lag. */
    public final List<String> lags = new CopyOnWriteArrayList<>();

    @Override
    public void recordInvalidationLag(InvalidationLagStage stage, Duration lag) {
        lags.add(stage.label() + "=" + lag.toMillis());
    }

    @Override
    public void recordInvalidation(String cause, int scopes) {
        invalidations.add(cause + ":" + scopes);
    }

    @Override
    public void recordTierError(String operation) {
        tierErrors.add(operation);
    }
}
