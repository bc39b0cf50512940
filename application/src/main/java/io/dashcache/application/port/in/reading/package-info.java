/** Inbound ports of the reading capability: called by inbound adapters, implemented by the use cases. */
package io.dashcache.application.port.in.reading;
