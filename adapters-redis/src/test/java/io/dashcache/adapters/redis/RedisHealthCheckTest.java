package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.messages.DependencyHealth.State;
import io.dashcache.application.port.messages.DependencyHealth;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedisHealthCheckTest {

    @Test
    void a_redis_that_answers_is_up_with_its_masked_url() {
        DependencyHealth health = new RedisHealthCheck(TestRedis.connector()).check();

        assertThat(health.name()).isEqualTo("redis");
        assertThat(health.state()).isEqualTo(State.UP);
        assertThat(health.detail()).isEqualTo(TestRedis.connector().maskedUrl());
    }

    @Test
    void a_port_where_nothing_listens_is_degraded_with_a_short_reason_and_no_password() {
        try (RedisConnector dead = new RedisConnector(
                RedisSettings.of("redis://ops:s3cret@127.0.0.1:" + TestRedis.freePort()))) {
            DependencyHealth health = new RedisHealthCheck(dead).check();

            assertThat(health.state()).isEqualTo(State.DEGRADED);
            assertThat(health.detail()).startsWith("no answer to PING from redis://ops:***@127.0.0.1:")
                    .doesNotContain("s3cret")
                    .hasSizeLessThan(300);
        }
    }

    @Test
    void the_answer_is_remembered_for_a_second() {
        AtomicInteger pings = new AtomicInteger();
        AtomicLong nanos = new AtomicLong();
        RedisHealthCheck check = new RedisHealthCheck(() -> {
            pings.incrementAndGet();
            return null;
        }, "redis://cache:6379", Duration.ofSeconds(1), nanos::get);

        check.check();
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        check.check();
        assertThat(pings).hasValue(1);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        check.check();
        assertThat(pings).hasValue(2);
    }

    @Test
    void a_recovered_redis_is_up_again_after_the_second() {
        AtomicLong nanos = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        RedisHealthCheck check = new RedisHealthCheck(() -> calls.getAndIncrement() == 0 ? "refused" : null,
                "redis://cache:6379", Duration.ofSeconds(1), nanos::get);

        assertThat(check.check().state()).isEqualTo(State.DEGRADED);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(check.check().state()).isEqualTo(State.UP);
    }
}
