package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The real server on a free port over {@link RecordingPorts}, and a client that checks what every
 * answer must be: never a stack trace, never an HTML page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningServer {

    static final int MAX_BODY = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    final RecordingPorts ports = new RecordingPorts();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private DashboardHttpServer server;
    int port;

    @BeforeAll
    void startServer() {
        HttpSettings settings = settings();
        server = new DashboardHttpServer(settings, auth(), ports, ports, ports, ports, ports, ports,
                moreRoutes(settings));
        port = server.start();
    }

    /** How the server under test listens; small bodies unless a test class says otherwise. */
    HttpSettings settings() {
        return new HttpSettings(0, MAX_BODY, HttpSettings.DEFAULT_MAX_THREADS);
    }

    /** How the server under test knows its callers; {@code X-User-Id} unless a test class says otherwise. */
    AuthSettings auth() {
        return AuthSettings.none();
    }

    /** Routes a test class adds to the core ones. */
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return List.of();
    }

    /** The routes the server under test really has ({@link DashboardHttpServer#routes()}). */
    List<String> routes() {
        return server.routes();
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetPorts() {
        ports.reset();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(5));
    }

    HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<byte[]> post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertSafe(new String(response.body(), StandardCharsets.UTF_8));
            return response;
        } catch (IOException e) {
            throw new AssertionError("the server did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A page is HTML by design: fetched without {@link #assertSafe}'s "never HTML" check. */
    HttpResponse<byte[]> getPage(String path) {
        try {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("the server did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static void assertSafe(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContainIgnoringCase("<html").doesNotContain("\tat ");
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    /** Asserts the contract's error answer and returns its detail. */
    static String assertError(HttpResponse<byte[]> response, int status, String error) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).as("error code in %s", body).isEqualTo(error);
        assertThat(body.path("detail").isTextual()).as("detail in %s", body).isTrue();
        return body.path("detail").asText();
    }
}
