package io.dashcache.adapters.events;

import io.dashcache.domain.KeyFormat;
import io.dashcache.testsupport.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * One test's stream on the test Redis, under a key prefix of its own, and the consumers it starts;
 * {@link #close()} stops them and deletes the keys.
 *
 * <pre>{@code
 * private final ConsumerFixture fixture = new ConsumerFixture(Duration.ofMillis(100));
 * ...
 * RedisStreamEventConsumer consumer = fixture.start(fixture.settings(), port);
 * fixture.stream().add(EngineStream.event("e-1"));
 * }</pre>
 */
final class ConsumerFixture implements AutoCloseable {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final RedisClient redis = RedisClient.create(URI.create(RedisTestServer.url()));
    private final EventConsumerSettings settings;
    private final EngineStream stream;
    private final List<RedisStreamEventConsumer> consumers = new ArrayList<>();

    /** Settings of consumer {@code live-1} with the defaults but the block timeout. */
    ConsumerFixture(Duration blockTimeout) {
        settings = EventConsumerSettings.defaults(KeyFormat.standalone(prefix), "live-1").withBlockTimeout(blockTimeout);
        stream = new EngineStream(redis, settings);
    }

    RedisClient redis() {
        return redis;
    }

    EventConsumerSettings settings() {
        return settings;
    }

    EngineStream stream() {
        return stream;
    }

    /** The consumers started so far, in order. */
    List<RedisStreamEventConsumer> consumers() {
        return consumers;
    }

    RedisStreamEventConsumer start(EventConsumerSettings consumerSettings, RecordingApplyEngineEvent port) {
        return start(redis, consumerSettings, port);
    }

    /** Starts a consumer on {@code client} (closed by the caller, after this fixture). */
    RedisStreamEventConsumer start(UnifiedJedis client, EventConsumerSettings consumerSettings,
                                   RecordingApplyEngineEvent port) {
        RedisStreamEventConsumer consumer = new RedisStreamEventConsumer(client, consumerSettings, port);
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    @Override
    public void close() {
        consumers.forEach(RedisStreamEventConsumer::close);
        RedisTestServer.deleteKeys(prefix);
        redis.close();
    }
}
