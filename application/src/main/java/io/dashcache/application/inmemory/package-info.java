/**
 * In-memory stand-ins for outbound ports, for an instance without Redis (no shared tier; applied
 * events remembered in a bounded set) or without L1. They are adapters that need no technology, so
 * the core can run alone; nothing else in the application implements an outbound port.
 */
package io.dashcache.application.inmemory;
