/**
 * The use cases: the tiered read path (single flight in the instance and, through load leases,
 * across instances; stale-while-revalidate; a size limit on cached values), the cache warmer
 * (a bounded priority queue with concurrency and rate limits, hot keys by a frequency sketch,
 * refresh-ahead by the XFetch rule, first reads of users), invalidation, event application,
 * write-through, the change feed (what went stale, fanned out to the dashboards watching it, with a
 * bounded log for reconnecting clients), health, and the metrics report (grades, alerts with recommendations, a bounded
 * history, computed from cumulative snapshots). Plain Java with constructor injection; time comes from a
 * {@link java.time.Clock}.
 */
package io.dashcache.application.service;
