/**
 * The use cases: the tiered read path, invalidation, event application, write-through, health,
 * and the metrics report (grades, alerts with recommendations, a bounded history, computed from
 * cumulative snapshots). Plain Java with constructor injection; time comes from a
 * {@link java.time.Clock}.
 */
package io.dashcache.application.service;
