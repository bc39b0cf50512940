package io.dashcache.adapters.http.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The limit for bodies that declare no length (chunked), which only counting can enforce. */
class BoundedBodySubscriberTest {

    private boolean cancelled;
    private final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    };

    @Test
    void chunks_within_the_limit_are_joined_in_order() {
        BoundedBodySubscriber body = new BoundedBodySubscriber(10);
        body.onSubscribe(subscription);

        body.onNext(List.of(buffer("{\"a\""), buffer(":1")));
        body.onNext(List.of(buffer("}")));
        body.onComplete();

        assertThat(body.getBody().toCompletableFuture().join()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(cancelled).isFalse();
    }

    @Test
    void the_chunk_that_crosses_the_limit_fails_the_body_and_cancels_the_stream() {
        BoundedBodySubscriber body = new BoundedBodySubscriber(10);
        body.onSubscribe(subscription);

        body.onNext(List.of(buffer("{\"pad\":")));
        body.onNext(List.of(buffer("\"xxxx\"}")));
        body.onNext(List.of(buffer("more that arrived in flight")));

        CompletableFuture<byte[]> result = body.getBody().toCompletableFuture();
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(BoundedBodySubscriber.TooLargeException.class);
        assertThat(cancelled).isTrue();
    }

    private static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
