/** Outbound ports of the reading capability: implemented by outbound adapters, called by the use cases. */
package io.dashcache.application.port.out.reading;
