/**
 * The one hardened way dashcache reads JSON from outside (request bodies, engine answers, engine
 * events): bounded nesting, names, strings and documents, duplicate keys refused, nothing after the
 * value, and the parser's complaints in dashcache's words. A library both JSON-reading adapters share,
 * not an adapter.
 */
package io.dashcache.support.json;
