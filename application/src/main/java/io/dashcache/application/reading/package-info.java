/** Dashboard reads as a use of the engine: the key schema, the TTL table, the engine bulkhead, and the warmer learning from reads. */
package io.dashcache.application.reading;
