/** Health, and the metrics report: grades, alerts with recommendations and a bounded history, from cumulative snapshots. */
package io.dashcache.application.metrics;
