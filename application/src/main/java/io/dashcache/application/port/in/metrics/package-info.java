/** Inbound ports of the metrics capability: called by inbound adapters, implemented by the use cases. */
package io.dashcache.application.port.in.metrics;
