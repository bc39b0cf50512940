/**
 * The module's one set of JSON reading rules, shared by what comes in (request bodies, in
 * {@code ..http.in}) and what comes back from the engine (answers, in {@code ..http.out}): the same
 * nesting, name and string limits, duplicate keys refused, nothing after the value; and the one
 * place that turns the parser's complaints into sentences a caller can read, without the parser's
 * class or method names.
 */
package io.dashcache.adapters.http.json;
