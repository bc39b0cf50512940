/**
 * The use cases of dashcache and the ports they speak through. Plain Java over the domain: no
 * framework, no Redis client, no HTTP. Inbound adapters call {@code port.in}; outbound adapters
 * implement {@code port.out}; {@code service} holds the use cases themselves.
 */
package io.dashcache.application;
