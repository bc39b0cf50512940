package io.dashcache.adapters.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static final String MIXED = "a\u00e9\u20ac\uD83D\uDE00z"; // 1 + 2 + 3 + 4 + 1 bytes

    @Test
    void the_length_is_the_encoded_length() {
        assertThat(Utf8.length(MIXED)).isEqualTo(MIXED.getBytes(StandardCharsets.UTF_8).length).isEqualTo(11);
    }

    @Test
    void truncation_keeps_whole_characters_within_the_budget() {
        assertThat(Utf8.truncate(MIXED, 11)).isEqualTo(MIXED);
        assertThat(Utf8.truncate(MIXED, 9)).isEqualTo("a\u00e9\u20ac"); // the emoji needs 4 and would split
        assertThat(Utf8.truncate(MIXED, 2)).isEqualTo("a");
        assertThat(Utf8.truncate(MIXED, 0)).isEmpty();
    }
}
