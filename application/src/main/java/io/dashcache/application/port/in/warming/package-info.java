/** Inbound ports of the warming capability: called by inbound adapters, implemented by the use cases. */
package io.dashcache.application.port.in.warming;
