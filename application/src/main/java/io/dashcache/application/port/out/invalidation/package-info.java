/** Outbound ports of the invalidation capability: implemented by outbound adapters, called by the use cases. */
package io.dashcache.application.port.out.invalidation;
