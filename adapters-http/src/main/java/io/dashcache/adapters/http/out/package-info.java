/**
 * The outbound client of the Core Detection Engine on {@code java.net.http}: the cache's
 * {@code DashboardSource} (reads on a miss), the engine's write side ({@code EngineCommands}), and
 * the engine's entry in {@code /health} ({@code DependencyCheck}, from the latest call, no probe).
 *
 * <p>It owns the translation of everything that can go wrong on the wire into
 * {@code SourceUnavailableException} with a reason ({@code FAILING}, {@code BAD_ANSWER},
 * {@code TIMEOUT}, {@code UNREACHABLE}); no {@code IOException} or {@code InterruptedException}
 * leaves it raw. Bodies are bounded in size and checked by a streaming parse with the module's
 * JSON rules ({@code ..http.json}) before the cache sees them, then passed through as the same bytes.
 */
package io.dashcache.adapters.http.out;
