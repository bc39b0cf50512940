package io.dashcache.benchmarks;

import io.dashcache.adapters.redis.RedisConnector;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import java.net.URI;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * What a Spring team would pick: spring-data-redis's {@link RedisCacheManager} over its Jedis
 * connection factory (pooled), read the way {@code @Cacheable(cacheNames = "overview", key = "#userId")}
 * reads: {@link Cache#get(Object, java.util.concurrent.Callable)}. Values are stored as raw bytes
 * (the engine's JSON as it is), which is kinder to Spring than its default JDK serialisation.
 */
@State(Scope.Benchmark)
public class SpringFixture {

    JedisConnectionFactory factory;
    RedisCacheManager manager;
    Cache overviews;
    HotData engine;
    CacheKey[] hot;
    CacheKey hotKey;
    private RedisConnector cleaner;
    private KeyFormat keys;

    @Setup(Level.Trial)
    public void start() {
        URI url = URI.create(BenchRedis.url());
        keys = KeyFormat.standalone(BenchRedis.uniquePrefix("spring"));
        factory = new JedisConnectionFactory(
                new RedisStandaloneConfiguration(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort()),
                JedisClientConfiguration.builder().usePooling().build());
        factory.afterPropertiesSet();
        factory.start();
        RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig()
                .entryTtl(DataType.OVERVIEW.defaultTtl())
                .serializeValuesWith(SerializationPair.fromSerializer(RedisSerializer.byteArray()))
                .computePrefixWith(cacheName -> keys.name(cacheName) + "::");
        manager = RedisCacheManager.builder(factory).cacheDefaults(defaults).build();
        manager.afterPropertiesSet();
        overviews = manager.getCache("overview");
        engine = new HotData();
        hot = HotData.hotKeys();
        hotKey = hot[42];
        for (CacheKey key : hot) {
            read(key);
        }
        long loadsAfterWarming = engine.loads();
        read(hotKey);
        if (engine.loads() != loadsAfterWarming) {
            throw new IllegalStateException("Spring's cache did not keep the warmed value");
        }
        cleaner = BenchRedis.connect(1);
    }

    byte[] read(CacheKey key) {
        return overviews.get(key.user().value(), () -> ((SourceAnswer.Found) engine.fetch(key)).json());
    }

    @TearDown(Level.Trial)
    public void stop() {
        BenchRedis.deleteEverything(cleaner.client(), keys);
        cleaner.close();
        factory.destroy();
    }
}
