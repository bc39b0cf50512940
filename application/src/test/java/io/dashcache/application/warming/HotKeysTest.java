package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HotKeysTest {

    private static CacheKey key(int user) {
        return CacheKey.forUser(DataType.OVERVIEW, UserId.of("u" + user));
    }

    @Test
    void the_hottest_keys_come_first_in_order_of_reads() {
        HotKeys hot = new HotKeys(10);
        for (int user = 1; user <= 5; user++) {
            for (int i = 0; i < user * 10; i++) {
                hot.record(key(user));
            }
        }

        assertThat(hot.hottest(3)).containsExactly(key(5), key(4), key(3));
        assertThat(hot.hottest(100)).hasSize(5);
    }

    @Test
    void ten_hot_keys_are_found_among_ten_thousand_cold_ones_in_any_order_of_reads() {
        HotKeys hot = new HotKeys(100);
        List<CacheKey> reads = new ArrayList<>();
        for (int user = 0; user < 10_000; user++) {
            reads.add(key(user));
        }
        for (int user = 0; user < 10; user++) {
            for (int i = 0; i < 50; i++) {
                reads.add(key(1_000_000 + user));
            }
        }
        java.util.Collections.shuffle(reads, new Random(7));

        reads.forEach(hot::record);

        List<CacheKey> expected = new ArrayList<>();
        for (int user = 0; user < 10; user++) {
            expected.add(key(1_000_000 + user));
        }
        assertThat(hot.hottest(10)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void the_candidates_stay_bounded_by_twice_the_capacity() {
        HotKeys hot = new HotKeys(50);

        for (int user = 0; user < 20_000; user++) {
            hot.record(key(user));
            assertThat(hot.candidateCount()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void a_key_that_became_hot_lately_gets_in_after_the_counts_age() {
        FrequencySketch sketch = new FrequencySketch(16); // ages every 160 additions
        HotKeys hot = new HotKeys(2, sketch);
        for (int round = 0; round < 20; round++) {
            hot.record(key(1));
            hot.record(key(2));
            hot.record(key(3));
            hot.record(key(4));
            hot.record(key(5));
        }
        for (int i = 0; i < 400; i++) {
            hot.record(key(9));
        }

        assertThat(hot.hottest(1)).containsExactly(key(9));
    }
}
