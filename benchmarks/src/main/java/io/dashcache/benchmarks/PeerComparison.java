package io.dashcache.benchmarks;

import io.dashcache.application.port.in.reading.DashboardRead;
import io.dashcache.benchmarks.peers.BareCaffeine;
import io.dashcache.benchmarks.peers.JetCacheTwoLevel;
import io.dashcache.benchmarks.peers.PeerCache;
import io.dashcache.benchmarks.peers.RedissonLocalCached;
import io.dashcache.domain.CacheOutcome;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.embedded.DashcacheClient;
import io.dashcache.embedded.DashcacheClientBuilder;
import io.dashcache.embedded.NamedCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Issue 14's comparison, in one JMH run: reads per second of the same Zipf workload ({@link PeerWorkload}:
 * 10,000 keys, 1 KiB values, all hits) with two threads through bare Caffeine, JetCache's two-level cache,
 * Redisson's {@code RLocalCachedMap}, and dashcache's dashboard and named-cache reads as users wire them
 * ({@code DashcacheClient.builder()...meterRegistry(registry)}). The dashcache reads run with a Prometheus
 * registry (the headline: what the service and a Spring Boot application pass), a {@code SimpleMeterRegistry},
 * and without metrics, so the cost of the metrics shows on its own. Every Redis key lives under a fresh
 * prefix and goes at the end of its fork. {@link PeerComparisonReport} runs it and prints medians and ratios.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(2)
public class PeerComparison {

    /** Each thread's Zipf draws: thread t of every benchmark reads the same keys in the same order. */
    @State(Scope.Thread)
    public static class Draws {
        private int[] draws;
        private int next;

        @Setup(Level.Trial)
        public void draw(ThreadParams thread) {
            draws = PeerWorkload.draws(42 + thread.getThreadIndex());
        }

        int next() {
            int key = draws[next];
            next = (next + 1) & (PeerWorkload.DRAWS - 1);
            return key;
        }
    }

    /** A peer behind {@link PeerCache}, filled before the first read and emptied after the last. */
    @State(Scope.Benchmark)
    public abstract static class Peer {
        final PeerWorkload workload = new PeerWorkload();
        final String prefix = BenchRedis.uniquePrefix("peers");
        PeerCache cache;

        abstract PeerCache open();

        @Setup(Level.Trial)
        public void fill() {
            cache = open();
            for (int i = 0; i < PeerWorkload.KEYS; i++) {
                if (cache.get(workload.names[i]).length != PeerWorkload.VALUE_BYTES) {
                    throw new IllegalStateException("wrong value for " + workload.names[i]);
                }
            }
        }

        @TearDown(Level.Trial)
        public void empty() {
            cache.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Caffeine extends Peer {
        @Override
        PeerCache open() {
            return BareCaffeine.filled(workload.byName(), PeerWorkload.TTL);
        }
    }

    @State(Scope.Benchmark)
    public static class JetCache extends Peer {
        @Override
        PeerCache open() {
            return JetCacheTwoLevel.filled(BenchRedis.oneServerUrl(), prefix + ":jetcache:", workload.byName(),
                    PeerWorkload.TTL);
        }
    }

    @State(Scope.Benchmark)
    public static class Redisson extends Peer {
        @Override
        PeerCache open() {
            return RedissonLocalCached.filled(BenchRedis.oneServerUrl(), prefix + ":redisson", workload.byName(),
                    PeerWorkload.TTL);
        }
    }

    /**
     * One {@link DashcacheClient} as an application builds it: Redis, a key prefix of its own, the TTLs
     * of the workload, a dashboard loader, and the metrics registry the parameter names
     * ({@code none}: no registry). Every key is read once before the measurement, so every read after is
     * an L1 hit; with a registry, the hits and misses it counted are checked at the end.
     */
    @State(Scope.Benchmark)
    public abstract static class Dashcache {
        @Param({"prometheus", "simple", "none"})
        public String metrics;

        final PeerWorkload workload = new PeerWorkload();
        final String prefix = BenchRedis.uniquePrefix("peers");
        DashcacheClient client;
        Optional<MeterRegistry> registry;

        @Setup(Level.Trial)
        public void build() {
            registry = switch (metrics) {
                case "prometheus" -> Optional.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
                case "simple" -> Optional.of(new SimpleMeterRegistry());
                case "none" -> Optional.empty();
                default -> throw new IllegalArgumentException("metrics: prometheus, simple or none, got " + metrics);
            };
            DashcacheClientBuilder builder = DashcacheClient.builder()
                    .redis(BenchRedis.url())
                    .keyPrefix(prefix)
                    .l1Ttl(PeerWorkload.TTL)
                    .ttl(DataType.OVERVIEW, PeerWorkload.TTL)
                    .namedCacheTtl(PeerWorkload.TTL)
                    .loader(workload::dashboardValue);
            registry.ifPresent(builder::meterRegistry);
            client = builder.build();
            fill();
        }

        abstract void fill();

        /** The {@code cache.gets} of this benchmark's cache that were not hits: the fill's misses only. */
        abstract String cacheName();

        @TearDown(Level.Trial)
        public void close() {
            registry.ifPresent(meters -> {
                double misses = meters.get("cache.gets").tags("cache", cacheName(), "result", "miss").functionCounter().count();
                double hits = meters.get("cache.gets").tags("cache", cacheName(), "result", "hit").functionCounter().count();
                System.out.printf("%n%s: %.0f hits, %.0f misses (the fill's %d)%n", cacheName(), hits, misses,
                        PeerWorkload.KEYS);
                if (misses != PeerWorkload.KEYS) {
                    throw new IllegalStateException("the measurement had misses: " + (misses - PeerWorkload.KEYS));
                }
            });
            client.close();
            try (var redis = BenchRedis.connect(1)) {
                BenchRedis.deleteEverything(redis.client(), KeyFormat.standalone(prefix));
            }
        }
    }

    @State(Scope.Benchmark)
    public static class DashcacheDashboard extends Dashcache {
        @Override
        void fill() {
            for (int i = 0; i < PeerWorkload.KEYS; i++) {
                client.get(workload.dashboardKeys[i]);
            }
            for (int i = 0; i < PeerWorkload.KEYS; i++) {
                RedisFixture.expect(client.get(workload.dashboardKeys[i]).outcome(), CacheOutcome.L1_HIT);
            }
        }

        @Override
        String cacheName() {
            return DataType.OVERVIEW.segment();
        }
    }

    @State(Scope.Benchmark)
    public static class DashcacheNamed extends Dashcache {
        static final String NAME = "peers";
        NamedCache named;

        @Override
        void fill() {
            named = client.namedCache(NAME);
            for (int i = 0; i < PeerWorkload.KEYS; i++) {
                int key = i;
                named.get(workload.names[i], () -> workload.values[key]);
            }
        }

        @Override
        String cacheName() {
            return "app." + NAME;
        }
    }

    @Benchmark
    public byte[] caffeine(Caffeine peer, Draws draws) {
        return peer.cache.get(peer.workload.names[draws.next()]);
    }

    @Benchmark
    public byte[] jetcache(JetCache peer, Draws draws) {
        return peer.cache.get(peer.workload.names[draws.next()]);
    }

    @Benchmark
    public byte[] redisson(Redisson peer, Draws draws) {
        return peer.cache.get(peer.workload.names[draws.next()]);
    }

    @Benchmark
    public DashboardRead dashcacheDashboard(DashcacheDashboard dashcache, Draws draws) {
        return dashcache.client.get(dashcache.workload.dashboardKeys[draws.next()]);
    }

    /** As an application reads a named cache: the loader a lambda over the key it asks for. */
    @Benchmark
    public byte[] dashcacheNamed(DashcacheNamed dashcache, Draws draws) {
        int key = draws.next();
        return dashcache.named.get(dashcache.workload.names[key], () -> dashcache.workload.values[key]);
    }
}
