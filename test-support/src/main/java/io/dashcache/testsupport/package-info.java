/** Test helpers shared by every module's tests; never on the runtime classpath. */
package io.dashcache.testsupport;
