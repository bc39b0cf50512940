package io.dashcache.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The common shape of a refused input: an {@link InvalidInputException} naming the field, safe to show. */
final class Refusals {

    private Refusals() {
    }

    /**
     * Asserts the call is refused, naming {@code field} (or one of {@code orFields}), with a message of
     * printable ASCII only; returns the refusal for more checks.
     */
    static InvalidInputException refusal(ThrowingCallable call, String field, String... orFields) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        InvalidInputException refusal = (InvalidInputException) thrown;
        assertThat(refusal.field()).isIn(Stream.concat(Stream.of(field), Arrays.stream(orFields)).toArray());
        assertThat(refusal.getMessage().chars()).as("printable ASCII only: %s", refusal.getMessage())
                .allMatch(c -> c >= 0x20 && c < 0x7f);
        return refusal;
    }
}
