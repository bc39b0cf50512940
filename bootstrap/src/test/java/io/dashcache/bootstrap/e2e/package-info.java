/**
 * End-to-end tests: whole dashcache instances, started as {@code Main} starts one, against the
 * real Redis and a WireMock Core Detection Engine, driven only through the REST API, the events
 * stream and what Redis holds. The helpers here are test-only: {@link io.dashcache.bootstrap.e2e.Instances}
 * (instances on a fresh key prefix), {@link io.dashcache.bootstrap.e2e.FakeEngine},
 * {@link io.dashcache.bootstrap.e2e.Api}, {@link io.dashcache.bootstrap.e2e.RedisProbe} and
 * {@link io.dashcache.bootstrap.e2e.Convergence} (reading until every instance shows a change).
 */
package io.dashcache.bootstrap.e2e;
