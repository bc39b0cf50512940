/** The project's one thread factory. */
package io.dashcache.application.concurrency;
