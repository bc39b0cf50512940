package io.dashcache.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The same calls through {@code java.net.http.HttpClient} (HTTP/1.1; the client keeps a pool of
 * keep-alive connections, one per request in flight), to compare its cost with the raw socket's.
 */
final class JdkHttpConnection implements HttpConnection {

    private final HttpClient client;
    private final String base;

    JdkHttpConnection(HttpClient client, int port) {
        this.client = client;
        this.base = "http://127.0.0.1:" + port;
    }

    static HttpClient sharedClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public Reply send(Call call) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(30));
        if (call.user() != null) {
            request.header("X-User-Id", call.user());
        }
        if (call.body() == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.body()));
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Reply(response.statusCode(), response.headers().firstValue("X-Cache").orElse(null), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // the shared client owns the connections
    }
}
