/**
 * The embedded demo engine: synthetic but plausible dashboard data for any user, and a live
 * feed of detection events, so that dashcache is useful the moment it starts without a Core
 * Detection Engine. Used when {@code DASHCACHE_ENGINE_URL} is unset.
 */
package io.dashcache.bootstrap.demo;
