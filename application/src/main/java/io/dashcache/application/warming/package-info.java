/** Loading before anyone asks: a bounded priority queue with concurrency and rate limits, hot keys by a frequency sketch, first reads of users. */
package io.dashcache.application.warming;
