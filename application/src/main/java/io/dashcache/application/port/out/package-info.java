/**
 * What dashcache needs from the outside world: the engine, the two cache tiers, the load leases,
 * the broadcast, metrics and health. Outbound adapters implement these; the use cases only ever see them.
 */
package io.dashcache.application.port.out;
