package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TtlPolicyTest {

    private static final int DRAWS = 20_000;

    /** nextDouble() of a generator whose nextLong() is -1 is the largest double below 1. */
    private static final RandomGenerator ALMOST_ONE = () -> -1L;
    private static final RandomGenerator ZERO = () -> 0L;

    @ParameterizedTest(name = "{0}: TTL {1} s, grace {2} s")
    @CsvSource({"OVERVIEW, 300, 75", "ANALYTICS, 600, 150", "USER_PREFERENCES, 1800, 300", "SYSTEM_STATUS, 60, 15",
            "PERFORMANCE_METRICS, 300, 75", "RECENT_ACTIVITY, 120, 30", "NOTIFICATIONS, 600, 150",
            "WIDGET_DATA, 300, 75", "AGGREGATED_ANALYTICS, 900, 225"})
    void the_default_ttls_are_the_contract_table_and_each_has_its_grace(DataType type, long ttlSeconds,
                                                                        long graceSeconds) {
        assertThat(TtlPolicy.defaults().ttl(type)).isEqualTo(Duration.ofSeconds(ttlSeconds));
        assertThat(TtlPolicy.defaults().grace(type)).isEqualTo(Duration.ofSeconds(graceSeconds));
    }

    @Test
    void the_default_jitter_is_a_tenth() {
        assertThat(TtlPolicy.defaults().jitterFraction()).isEqualTo(0.1).isEqualTo(TtlPolicy.DEFAULT_JITTER);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void an_override_changes_that_type_only_and_leaves_the_original_alone(DataType overridden) {
        TtlPolicy defaults = TtlPolicy.defaults();
        TtlPolicy changed = defaults.withTtl(overridden, Duration.ofSeconds(42));

        for (DataType type : DataType.values()) {
            assertThat(changed.ttl(type)).isEqualTo(type == overridden ? Duration.ofSeconds(42) : type.defaultTtl());
            assertThat(defaults.ttl(type)).isEqualTo(type.defaultTtl());
        }
        assertThat(changed.jitterFraction()).isEqualTo(defaults.jitterFraction());
    }

    @Test
    void overrides_accumulate_and_survive_a_change_of_jitter() {
        TtlPolicy policy = TtlPolicy.defaults()
                .withTtl(DataType.OVERVIEW, Duration.ofSeconds(10))
                .withTtl(DataType.ANALYTICS, Duration.ofSeconds(20))
                .withJitter(0.25);

        assertThat(policy.ttl(DataType.OVERVIEW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.ttl(DataType.ANALYTICS)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.jitterFraction()).isEqualTo(0.25);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT1S", "PT7M", "P7D"})
    void a_ttl_from_one_second_to_seven_days_is_accepted(String ttl) {
        assertThat(TtlPolicy.defaults().withTtl(DataType.OVERVIEW, Duration.parse(ttl)).ttl(DataType.OVERVIEW))
                .isEqualTo(Duration.parse(ttl));
    }

    static Stream<Arguments> refusedTtls() {
        return Stream.of(Arguments.of(Duration.ZERO), Arguments.of(Duration.ofSeconds(-1)),
                Arguments.of(Duration.ofMillis(999)), Arguments.of(Duration.ofDays(7).plusNanos(1)),
                Arguments.of(Duration.ofDays(365)), Arguments.of((Duration) null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTtls")
    void a_ttl_below_one_second_above_seven_days_or_missing_is_refused(Duration ttl) {
        assertThat(refusal(() -> TtlPolicy.defaults().withTtl(DataType.NOTIFICATIONS, ttl), "ttl").getMessage())
                .startsWith("TTL of notifications must be from 1 second to 7 days");
    }

    @Test
    void an_override_needs_a_type() {
        assertThatThrownBy(() -> TtlPolicy.defaults().withTtl(null, Duration.ofSeconds(5)))
                .isInstanceOf(NullPointerException.class);
    }

    static Stream<Arguments> typesAndJitters() {
        return Stream.of(0.1, 0.5, 0.01).flatMap(jitter -> Stream.of(DataType.values())
                .map(type -> Arguments.of(type, jitter)));
    }

    @ParameterizedTest(name = "{0} jitter {1}")
    @MethodSource("typesAndJitters")
    void the_logical_ttl_stays_between_the_ttl_less_its_jitter_and_the_ttl(DataType type, double jitter) {
        TtlPolicy policy = TtlPolicy.defaults().withJitter(jitter);
        Duration ttl = policy.ttl(type);
        Duration floor = Duration.ofMillis((long) Math.ceil(ttl.toMillis() * (1 - jitter)));
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(20261125L);
        Duration shortest = ttl;
        Duration longest = Duration.ZERO;
        for (int i = 0; i < DRAWS; i++) {
            Duration logical = policy.logicalTtl(type, random);
            shortest = logical.compareTo(shortest) < 0 ? logical : shortest;
            longest = logical.compareTo(longest) > 0 ? logical : longest;
        }

        assertThat(longest).isLessThanOrEqualTo(ttl);
        assertThat(shortest).isGreaterThanOrEqualTo(floor);
        // and the draws really spread over the range, so entries written together expire apart
        Duration range = ttl.minus(floor);
        assertThat(shortest).isLessThan(floor.plus(range.dividedBy(20)));
        assertThat(longest).isGreaterThan(ttl.minus(range.dividedBy(20)));
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void the_extreme_draws_give_exactly_the_ttl_and_just_above_its_floor(DataType type) {
        TtlPolicy policy = TtlPolicy.defaults();
        long ttlMillis = policy.ttl(type).toMillis();

        assertThat(policy.logicalTtl(type, ZERO)).isEqualTo(policy.ttl(type));
        assertThat(policy.logicalTtl(type, ALMOST_ONE).toMillis())
                .isGreaterThanOrEqualTo((long) (ttlMillis * 0.9))
                .isLessThanOrEqualTo((long) (ttlMillis * 0.9) + 1);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void without_jitter_the_logical_ttl_is_exactly_the_ttl(DataType type) {
        TtlPolicy policy = TtlPolicy.defaults().withJitter(0);

        for (RandomGenerator random : new RandomGenerator[] {ZERO, ALMOST_ONE, RandomGenerator.of("L64X128MixRandom")}) {
            assertThat(policy.logicalTtl(type, random)).isEqualTo(policy.ttl(type));
        }
    }

    @Test
    void the_shortest_ttl_with_the_largest_jitter_is_still_positive() {
        TtlPolicy policy = TtlPolicy.defaults().withTtl(DataType.SYSTEM_STATUS, Duration.ofSeconds(1)).withJitter(0.5);

        assertThat(policy.logicalTtl(DataType.SYSTEM_STATUS, ALMOST_ONE)).isEqualTo(Duration.ofMillis(501));
    }

    @ParameterizedTest(name = "TTL {0} s -> grace {1} s")
    @CsvSource({"1, 5", "10, 5", "20, 5", "21, 5.25", "60, 15", "120, 30", "300, 75", "600, 150", "900, 225",
            "1200, 300", "1800, 300", "604800, 300"})
    void grace_is_a_quarter_of_the_ttl_between_five_seconds_and_five_minutes(long ttlSeconds, double graceSeconds) {
        TtlPolicy policy = TtlPolicy.defaults().withTtl(DataType.OVERVIEW, Duration.ofSeconds(ttlSeconds));

        assertThat(policy.grace(DataType.OVERVIEW)).isEqualTo(Duration.ofMillis(Math.round(graceSeconds * 1000)));
    }

    @ParameterizedTest(name = "TTL {0} s -> absent {1} s")
    @CsvSource({"1, 1", "10, 10", "29, 29", "30, 30", "31, 30", "60, 30", "1800, 30"})
    void an_absent_answer_is_remembered_for_the_ttl_but_at_most_thirty_seconds(long ttlSeconds, long absentSeconds) {
        TtlPolicy policy = TtlPolicy.defaults().withTtl(DataType.NOTIFICATIONS, Duration.ofSeconds(ttlSeconds));

        assertThat(policy.absentTtl(DataType.NOTIFICATIONS)).isEqualTo(Duration.ofSeconds(absentSeconds));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.0001, 0.1, 0.5})
    void a_jitter_from_zero_to_a_half_is_accepted(double jitter) {
        assertThat(TtlPolicy.defaults().withJitter(jitter).jitterFraction()).isEqualTo(jitter);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.0001, -1, 0.5001, 1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void a_negative_jitter_one_above_a_half_or_nan_is_refused(double jitter) {
        assertThat(refusal(() -> TtlPolicy.defaults().withJitter(jitter), "jitter").getMessage())
                .startsWith("jitter must be from 0 to 0.5, got ");
    }
}
