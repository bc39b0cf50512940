/**
 * The values both sides of the ports carry (an invalidation, a dashboard change, a warm task's kind and
 * outcome): shared here so that {@code port.in} and {@code port.out} never depend on each other.
 */
package io.dashcache.application.port.messages;
