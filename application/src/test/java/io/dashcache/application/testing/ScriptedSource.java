package io.dashcache.application.testing;

import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.application.port.out.reading.SourceUnavailableException;
import io.dashcache.domain.CacheKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An engine whose answers a test scripts: by default {@code {"key":"<key>","v":<n>}} where n counts
 * the loads, so every load is distinguishable. It can fail, answer 404, or hold each load until
 * the test releases it.
 */
public final class ScriptedSource implements DashboardSource {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile Function<CacheKey, SourceAnswer> answer =
            key -> SourceAnswer.found(("{\"key\":\"" + key + "\",\"v\":" + calls.get() + "}")
                    .getBytes(StandardCharsets.UTF_8));
    private volatile CountDownLatch gate;
    private volatile CountDownLatch entered = new CountDownLatch(1);

    public static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public void answer(Function<CacheKey, SourceAnswer> answer) {
        this.answer = answer;
    }

    public void answerJson(String json) {
        answer(key -> SourceAnswer.found(json(json)));
    }

    public void fail(SourceUnavailableException.Reason reason) {
        answer(key -> {
            throw new SourceUnavailableException(reason, "engine " + reason + " (test)");
        });
    }

    public void notFound() {
        answer(key -> SourceAnswer.notFound());
    }

    /** From now on every load waits until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    /** Waits until a held load has started. */
    public void awaitLoadStarted() throws InterruptedException {
        if (!entered.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("no load started within 5 s");
        }
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public SourceAnswer fetch(CacheKey key) {
        calls.incrementAndGet();
        Function<CacheKey, SourceAnswer> scripted = answer;
        CountDownLatch current = gate;
        entered.countDown();
        if (current != null) {
            try {
                if (!current.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("held load never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return scripted.apply(key);
    }
}
