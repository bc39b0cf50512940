/**
 * The use cases: the tiered read path, invalidation, event application, write-through and
 * health. Plain Java with constructor injection; time comes from a {@link java.time.Clock}.
 */
package io.dashcache.application.service;
