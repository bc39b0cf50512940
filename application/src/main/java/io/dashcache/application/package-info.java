/**
 * The use cases of dashcache and the ports they speak through. Plain Java over the domain: no
 * framework, no Redis client, no HTTP. Grouped by capability: {@code engine} (the one cache engine),
 * {@code reading}, {@code invalidation}, {@code warming}, {@code changefeed}, {@code metrics}; the
 * ports the same way under {@code port.in} (called by inbound adapters) and {@code port.out}
 * (implemented by outbound adapters), with the values both carry in {@code port.messages}.
 */
package io.dashcache.application;
