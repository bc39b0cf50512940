package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long MS = 1_000_000;

    private final AtomicLong nanos = new AtomicLong(5_000 * MS);

    @Test
    void a_full_bucket_gives_its_burst_at_once_then_says_how_long_to_wait() {
        TokenBucket bucket = new TokenBucket(200, 20, nanos::get);

        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryTake()).as("token %d", i).isZero();
        }
        assertThat(bucket.tryTake()).isEqualTo(5 * MS);
    }

    @Test
    void tokens_come_back_at_the_rate() {
        TokenBucket bucket = new TokenBucket(200, 1, nanos::get);
        bucket.tryTake();

        nanos.addAndGet(4 * MS);
        assertThat(bucket.tryTake()).isBetween(MS - 1, MS + 1);

        nanos.addAndGet(MS);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
    }

    @Test
    void an_idle_bucket_saves_up_no_more_than_its_burst() {
        TokenBucket bucket = new TokenBucket(200, 3, nanos::get);

        nanos.addAndGet(60_000 * MS);

        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake()).isZero();
        }
        assertThat(bucket.tryTake()).isPositive();
    }

    @Test
    void over_a_second_at_most_the_rate_plus_the_burst_is_given() {
        TokenBucket bucket = new TokenBucket(200, 20, nanos::get);
        int given = 0;
        for (long t = 0; t < 1000; t++) {
            nanos.addAndGet(MS);
            while (bucket.tryTake() == 0) {
                given++;
            }
        }

        assertThat(given).isBetween(200, 220);
    }

    @Test
    void a_rate_or_burst_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
