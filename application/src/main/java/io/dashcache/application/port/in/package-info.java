/** What the outside world asks of dashcache: one interface per use case, grouped by capability, called by inbound adapters. */
package io.dashcache.application.port.in;
