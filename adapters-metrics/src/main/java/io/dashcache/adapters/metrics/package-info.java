/** placeholder */
package io.dashcache.adapters.metrics;
