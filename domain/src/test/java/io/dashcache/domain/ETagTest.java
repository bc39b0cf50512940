package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ETagTest {

    private static final String TAG = ETag.of(bytes("{\"a\":1}"));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_same_bytes_always_get_the_same_tag() {
        assertThat(ETag.of(bytes("{\"a\":1}"))).isEqualTo(TAG);
        assertThat(ETag.of(new byte[0])).isEqualTo(ETag.of(new byte[0]));
    }

    @Test
    void different_bytes_get_different_tags_even_when_they_mean_the_same_json() {
        assertThat(ETag.of(bytes("{\"a\":2}"))).isNotEqualTo(TAG);
        assertThat(ETag.of(bytes("{ \"a\":1}"))).isNotEqualTo(TAG);
        assertThat(ETag.of(bytes("{\"a\":1}\n"))).isNotEqualTo(TAG);
        assertThat(ETag.of(new byte[0])).isNotEqualTo(ETag.of(new byte[1]));
    }

    @Test
    void a_tag_is_a_quoted_strong_url_safe_token() {
        for (String body : new String[] {"", "{}", "{\"a\":1}", "x".repeat(100_000)}) {
            assertThat(ETag.of(bytes(body))).matches("\"[A-Za-z0-9_-]{24}\"");
        }
    }

    @Test
    void the_tag_itself_matches() {
        assertThat(ETag.matches(TAG, TAG)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"*", " * ", "\"x\", *"})
    void a_star_matches_any_tag(String header) {
        assertThat(ETag.matches(header, TAG)).isTrue();
    }

    @Test
    void a_list_containing_the_tag_matches_whatever_the_spaces() {
        assertThat(ETag.matches("\"x\"," + TAG, TAG)).isTrue();
        assertThat(ETag.matches("\"x\", " + TAG + " , \"y\"", TAG)).isTrue();
        assertThat(ETag.matches("  " + TAG + "  ", TAG)).isTrue();
        assertThat(ETag.matches("\"x\",\t" + TAG, TAG)).isTrue();
    }

    @Test
    void a_weak_form_of_the_tag_matches_by_weak_comparison() {
        assertThat(ETag.matches("W/" + TAG, TAG)).isTrue();
        assertThat(ETag.matches("\"x\", W/" + TAG, TAG)).isTrue();
    }

    @Test
    void other_tags_do_not_match() {
        assertThat(ETag.matches("\"x\"", TAG)).isFalse();
        assertThat(ETag.matches("\"x\", W/\"y\"", TAG)).isFalse();
        assertThat(ETag.matches(TAG.substring(1, TAG.length() - 1), TAG)).as("unquoted").isFalse();
        assertThat(ETag.matches("W/", TAG)).isFalse();
        assertThat(ETag.matches(ETag.of(bytes("{\"a\":2}")), TAG)).isFalse();
        assertThat(ETag.matches(TAG + "x", TAG)).isFalse();
        assertThat(ETag.matches(",,,", TAG)).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void a_missing_or_blank_header_matches_nothing(String header) {
        assertThat(ETag.matches(header, TAG)).isFalse();
    }

    @Test
    void without_a_tag_nothing_matches_not_even_a_star() {
        assertThat(ETag.matches("*", null)).isFalse();
    }
}
