/**
 * The rules of dashcache, free of every framework: what a cache key is and how it is written
 * in Redis, how long each kind of dashboard data may live, which engine event makes which
 * entries stale, and how latency and hit rate become a grade.
 *
 * <p>Everything here is a record, an enum or a small pure function; nothing does I/O.
 */
package io.dashcache.domain;
