package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import org.junit.jupiter.api.Test;

class FrequencySketchTest {

    private static CacheKey key(int user) {
        return CacheKey.forUser(DataType.OVERVIEW, UserId.of("u" + user));
    }

    @Test
    void an_estimate_is_never_below_the_true_count() {
        FrequencySketch sketch = new FrequencySketch(1024);
        for (int user = 0; user < 500; user++) {
            for (int i = 0; i <= user % 7; i++) {
                sketch.increment(key(user));
            }
        }

        for (int user = 0; user < 500; user++) {
            assertThat(sketch.estimate(key(user))).as("user %d", user).isGreaterThanOrEqualTo(user % 7 + 1);
        }
    }

    @Test
    void a_heavy_key_is_estimated_close_to_its_count_among_many_light_ones() {
        FrequencySketch sketch = new FrequencySketch(4096);
        for (int user = 0; user < 2000; user++) {
            sketch.increment(key(user));
        }
        for (int i = 0; i < 300; i++) {
            sketch.increment(key(42_000));
        }

        assertThat(sketch.estimate(key(42_000))).isBetween(300, 310);
        assertThat(sketch.estimate(key(99_999))).as("a key never read").isLessThan(5);
    }

    @Test
    void increment_returns_the_estimate_after_it() {
        FrequencySketch sketch = new FrequencySketch(64);

        assertThat(sketch.increment(key(1))).isEqualTo(1);
        assertThat(sketch.increment(key(1))).isEqualTo(2);
        assertThat(sketch.estimate(key(1))).isEqualTo(2);
    }

    @Test
    void after_ten_times_its_width_in_additions_every_count_is_halved() {
        FrequencySketch sketch = new FrequencySketch(16);
        for (int i = 0; i < 100; i++) {
            sketch.increment(key(1));
        }
        assertThat(sketch.estimate(key(1))).isEqualTo(100);
        assertThat(sketch.ageings()).isZero();

        for (int i = 0; i < 60; i++) {
            sketch.increment(key(1));
        }

        assertThat(sketch.ageings()).isEqualTo(1);
        assertThat(sketch.estimate(key(1))).isEqualTo(80);
    }

    @Test
    void the_width_is_rounded_up_to_a_power_of_two() {
        assertThat(new FrequencySketch(1000).width()).isEqualTo(1024);
        assertThat(new FrequencySketch(1024).width()).isEqualTo(1024);
        assertThat(new FrequencySketch(1).width()).isEqualTo(16);
    }
}
