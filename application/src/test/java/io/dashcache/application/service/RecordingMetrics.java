package io.dashcache.application.service;

import io.dashcache.application.port.out.CacheMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers the invalidations and tier errors a use case reports, for assertions. */
final class RecordingMetrics implements CacheMetrics {

    /** One {@code cause:scopes} line per recorded invalidation. */
    final List<String> invalidations = new CopyOnWriteArrayList<>();
    final List<String> tierErrors = new CopyOnWriteArrayList<>();

    @Override
    public void recordInvalidation(String cause, int scopes) {
        invalidations.add(cause + ":" + scopes);
    }

    @Override
    public void recordTierError(String operation) {
        tierErrors.add(operation);
    }
}
