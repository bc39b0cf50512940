package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1h, LAST_HOUR", "24h, LAST_DAY", "7d, LAST_WEEK", "30d, LAST_MONTH"})
    void the_four_codes_of_the_contract_are_parsed(String code, Period expected) {
        assertThat(Period.parse(code)).isEqualTo(expected);
        assertThat(expected.code()).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(Period.class)
    void every_period_parses_back_from_its_code(Period period) {
        assertThat(Period.parse(period.code())).isSameAs(period);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"forever", "7D", " 7d", "7d ", "1H", "LAST_WEEK", "7", "d", "1d", "60m", "30d\n", "7d*",
            "%37d", "１h"})
    void anything_else_is_refused_naming_the_period_field(String code) {
        assertThat(refusal(() -> Period.parse(code), "period").getMessage())
                .startsWith("period must be one of 1h, 24h, 7d, 30d, got '");
    }
}
