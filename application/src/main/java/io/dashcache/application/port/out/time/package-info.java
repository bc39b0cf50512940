/** Time, as the one thing every instance gets from outside: {@link io.dashcache.application.port.out.time.TimeSource}. */
package io.dashcache.application.port.out.time;
