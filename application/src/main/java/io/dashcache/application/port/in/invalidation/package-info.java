/** Inbound ports of the invalidation capability: called by inbound adapters, implemented by the use cases. */
package io.dashcache.application.port.in.invalidation;
