/** Outbound ports of the changefeed capability: implemented by outbound adapters, called by the use cases. */
package io.dashcache.application.port.out.changefeed;
