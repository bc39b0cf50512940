/**
 * What dashcache needs from the outside world, grouped by capability: the source and the two cache
 * tiers and leases ({@code reading}), the broadcast and applied events ({@code invalidation}), the
 * change listeners, metrics and health. Outbound adapters implement these; the use cases only ever see them.
 */
package io.dashcache.application.port.out;
