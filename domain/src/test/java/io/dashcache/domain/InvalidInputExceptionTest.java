package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidInputExceptionTest {

    @Test
    void it_carries_the_field_and_the_message() {
        InvalidInputException e = new InvalidInputException("period", "period must be one of 1h, 24h, 7d, 30d");

        assertThat(e.field()).isEqualTo("period");
        assertThat(e).hasMessage("period must be one of 1h, 24h, 7d, 30d").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_excerpt_of_nothing_says_null() {
        assertThat(InvalidInputException.excerpt(null)).isEqualTo("null");
    }

    @Test
    void an_excerpt_replaces_every_character_that_is_not_printable_ascii() {
        assertThat(InvalidInputException.excerpt("a\nb\rc\td\0e\u007ff\u0080gé用🙂"))
                .isEqualTo("a?b?c?d?e?f?g????");
    }

    @ParameterizedTest(name = "{0} characters")
    @CsvSource({"0, 0, ''", "1, 1, ''", "40, 40, ''", "41, 40, ...", "1000, 40, ..."})
    void an_excerpt_keeps_at_most_40_characters_and_marks_a_cut(int length, int kept, String marker) {
        String value = "x".repeat(length);

        assertThat(InvalidInputException.excerpt(value)).isEqualTo("x".repeat(kept) + marker);
    }
}
