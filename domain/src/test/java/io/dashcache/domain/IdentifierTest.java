package io.dashcache.domain;

import static io.dashcache.domain.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one id rule, through both types that use it: {@link UserId} and {@link WidgetType}. */
class IdentifierTest {

    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-";

    /** A named factory, so each case reports which field it exercised. */
    record IdKind(String field, Function<String, Object> factory) {
        Object of(String value) {
            return factory.apply(value);
        }

        String valueOf(Object id) {
            return id instanceof UserId user ? user.value() : ((WidgetType) id).value();
        }

        @Override
        public String toString() {
            return field;
        }
    }

    private static final IdKind USER = new IdKind("userId", UserId::of);
    private static final IdKind WIDGET = new IdKind("widgetType", WidgetType::of);

    static Stream<IdKind> kinds() {
        return Stream.of(USER, WIDGET);
    }

    private static Stream<Arguments> eachKindWith(Stream<String> values) {
        return values.flatMap(value -> kinds().map(kind -> Arguments.of(kind, value)));
    }

    static Stream<Arguments> acceptedValues() {
        return eachKindWith(Stream.of("4", "x".repeat(64), "abcxyz", "ABCXYZ", "0123456789", ".", "_", "@", "-",
                "user.name_1@example-org", ALLOWED.substring(0, 64), "..", "--42--"));
    }

    static Stream<Arguments> hostileValues() {
        return eachKindWith(Stream.of("a*b", "?", "[", "]", "{42}", "a b", " 42", "42 ", "a:b", "a\nb", "a\rb", "a\tb",
                "a\0b", "José", "用户", "ü", "４２", "42\u00a0", "42\u202e", "%2A", "\"42\"", "'42'", "`42`", "a\\b",
                "a/b", "a,b", "a;b", "a|b", "a#b", "a+b", "a=b", "a&b", "\u007f", "🙂"));
    }

    static Stream<Arguments> everyKindAndCharacter() {
        return IntStream.range(0, 0x180).boxed()
                .flatMap(c -> kinds().map(kind -> Arguments.of(kind, (char) c.intValue())));
    }

    @ParameterizedTest(name = "{0} accepts \"{1}\"")
    @MethodSource("acceptedValues")
    void an_id_of_1_to_64_allowed_characters_is_accepted_and_kept_as_given(IdKind kind, String value) {
        Object id = kind.of(value);

        assertThat(kind.valueOf(id)).isEqualTo(value);
        assertThat(id).hasToString(value).isEqualTo(kind.of(value));
    }

    @ParameterizedTest(name = "{0} with character {1}")
    @MethodSource("everyKindAndCharacter")
    void exactly_the_characters_of_the_contract_are_allowed(IdKind kind, char c) {
        String value = "a" + c + "b";

        if (ALLOWED.indexOf(c) >= 0) {
            assertThat(kind.valueOf(kind.of(value))).isEqualTo(value);
        } else {
            assertRefused(kind, value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_of_65_characters_is_refused_with_its_length(IdKind kind) {
        assertThat(refusal(() -> kind.of("x".repeat(65)), kind.field()).getMessage())
                .isEqualTo(kind.field() + " must be at most 64 characters, got 65");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_empty_or_missing_id_is_refused_as_required(IdKind kind) {
        for (String value : new String[] {"", null}) {
            assertThat(refusal(() -> kind.of(value), kind.field()).getMessage())
                    .isEqualTo(kind.field() + " is required");
        }
    }

    @ParameterizedTest(name = "{0} refuses \"{1}\"")
    @MethodSource("hostileValues")
    void a_hostile_id_is_refused_with_a_message_naming_the_field(IdKind kind, String value) {
        assertRefused(kind, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void a_long_hostile_id_is_quoted_only_as_a_short_excerpt(IdKind kind) {
        String value = "*".repeat(64);

        assertThat(refusal(() -> kind.of(value), kind.field()).getMessage())
                .contains("*".repeat(40) + "...").doesNotContain("*".repeat(41));
    }

    private static void assertRefused(IdKind kind, String value) {
        assertThat(refusal(() -> kind.of(value), kind.field()).getMessage()).startsWith(kind.field() + " ");
    }
}
