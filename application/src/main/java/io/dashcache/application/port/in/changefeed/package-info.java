/** Inbound ports of the changefeed capability: called by inbound adapters, implemented by the use cases. */
package io.dashcache.application.port.in.changefeed;
