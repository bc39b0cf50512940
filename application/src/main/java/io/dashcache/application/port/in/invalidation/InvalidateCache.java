package io.dashcache.application.port.in.invalidation;

/** The operator's invalidation. */
@FunctionalInterface
public interface InvalidateCache {

    /**
     * @param scopesBumped  scope versions incremented (O(1) invalidations)
     * @param keysDeleted   shared-tier keys deleted by a SCAN (type-wide and total invalidations)
     */
    record Summary(int scopesBumped, long keysDeleted) {
    }

    Summary invalidate(InvalidationRequest request);
}
