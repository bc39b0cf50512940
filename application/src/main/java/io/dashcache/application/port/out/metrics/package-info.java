/** Outbound ports of the metrics capability: implemented by outbound adapters, called by the use cases. */
package io.dashcache.application.port.out.metrics;
