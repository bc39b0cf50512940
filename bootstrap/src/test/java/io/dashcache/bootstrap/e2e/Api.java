package io.dashcache.bootstrap.e2e;

import io.dashcache.bootstrap.Dashcache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A caller of dashcache's REST API, as a dashboard or an operator would call it. */
final class Api {

    private static final String USER_HEADER = "X-User-Id";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Api() {
    }

    /** GET as user {@code user} ({@code null}: no {@code X-User-Id} header). */
    static Reply get(Dashcache instance, String path, String user) {
        return get(instance, path, user, Map.of());
    }

    static Reply get(Dashcache instance, String path, String user, Map<String, String> headers) {
        HttpRequest.Builder request = request(instance, path, user).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** GET of a read as its own user. */
    static Reply get(Dashcache instance, ApiRead read) {
        return get(instance, read.path(), read.user());
    }

    static Reply post(Dashcache instance, String path, String json) {
        return post(instance, path, json, null);
    }

    /** POST as user {@code user}: the engine writes (analyses) need to know whose they are. */
    static Reply post(Dashcache instance, String path, String json, String user) {
        return send(request(instance, path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Reply put(Dashcache instance, String path, String user, String json) {
        return send(request(instance, path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpRequest.Builder request(Dashcache instance, String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(5));
        if (user != null) {
            request.header(USER_HEADER, user);
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling dashcache", e);
        }
    }
}
