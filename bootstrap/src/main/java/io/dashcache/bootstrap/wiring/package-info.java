/**
 * Spring {@code @Configuration} classes that put dashcache together: constructor wiring through
 * {@code @Bean} method parameters only, no component scan, no field injection. Spring stays
 * here; domain, application and the adapters never see it.
 */
package io.dashcache.bootstrap.wiring;
