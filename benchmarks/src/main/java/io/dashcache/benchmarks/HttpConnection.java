package io.dashcache.benchmarks;

import java.io.IOException;

/** One client connection of the harness: sends a call, waits for the whole answer. Not thread-safe. */
interface HttpConnection extends AutoCloseable {

    Reply send(Call call) throws IOException;

    @Override
    void close();

    /**
     * The status, the {@code X-Cache} header ({@code null} when absent, as for events) and the body when
     * the connection keeps bodies ({@code null} otherwise).
     */
    record Reply(int status, String xCache, byte[] body) {
    }
}
