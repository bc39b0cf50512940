/**
 * Starting dashcache: configuration parsed once into {@link io.dashcache.bootstrap.DashcacheConfig},
 * {@link io.dashcache.bootstrap.Main} for the runnable jar, {@link io.dashcache.bootstrap.Dashcache}
 * for one running instance.
 */
package io.dashcache.bootstrap;
