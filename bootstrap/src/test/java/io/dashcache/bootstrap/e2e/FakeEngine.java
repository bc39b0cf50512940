package io.dashcache.bootstrap.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Core Detection Engine as WireMock plays it: one server per test class, reset per test.
 * Each read has one stub with a fixed id, so a test can change what the engine says for it between
 * calls (the stub is replaced in place, never stacked).
 */
final class FakeEngine {

    private final WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(16));
    private final Set<UUID> stubbed = new HashSet<>();

    void start() {
        server.start();
    }

    void stop() {
        server.stop();
    }

    synchronized void reset() {
        server.resetAll();
        stubbed.clear();
    }

    String url() {
        return server.baseUrl();
    }

    /** {@code GET /v1/{type}?...} answers 200 with these bytes. */
    void answers(EngineRead read, String body) {
        stub(read, ok(body));
    }

    /** As {@link #answers}, but only after {@code delay}: a load that is still in flight while a test acts. */
    void answersSlowly(EngineRead read, String body, Duration delay) {
        stub(read, ok(body).withFixedDelay((int) delay.toMillis()));
    }

    void answersStatus(EngineRead read, int status, String body) {
        stub(read, aResponse().withStatus(status).withBody(body));
    }

    /** {@code PUT /v1/user_preferences?userId=U} answers 200 with {@code reply}. */
    void acceptsPreferences(String user, String reply) {
        server.stubFor(put(urlPathEqualTo("/v1/user_preferences")).withQueryParam("userId", equalTo(user))
                .willReturn(ok(reply)));
    }

    /** {@code POST /v1/analyses?userId=U} answers 202 with {@code reply}. */
    void acceptsAnalyses(String user, String reply) {
        server.stubFor(post(urlPathEqualTo("/v1/analyses")).withQueryParam("userId", equalTo(user))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody(reply)));
    }

    /** The requests made for this read: its path with exactly its query parameters. */
    List<LoggedRequest> requestsFor(EngineRead read) {
        return server.findAll(getRequestedFor(urlPathEqualTo(read.path())))
                .stream().filter(read::isAskedBy).toList();
    }

    List<LoggedRequest> preferenceWrites(String user) {
        return server.findAll(putRequestedFor(urlPathEqualTo("/v1/user_preferences"))
                .withQueryParam("userId", equalTo(user)));
    }

    List<LoggedRequest> analysisSubmissions(String user) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v1/analyses")).withQueryParam("userId", equalTo(user)));
    }

    /** Every request the engine received, whatever it was. */
    int totalRequests() {
        return server.getAllServeEvents().size();
    }

    private synchronized void stub(EngineRead read, ResponseDefinitionBuilder response) {
        UUID id = UUID.nameUUIDFromBytes(read.toString().getBytes(StandardCharsets.UTF_8));
        MappingBuilder mapping = get(urlPathEqualTo(read.path())).withId(id).willReturn(response);
        read.query().forEach((name, value) -> mapping.withQueryParam(name, equalTo(value)));
        if (stubbed.add(id)) {
            server.stubFor(mapping);
        } else {
            server.editStub(mapping);
        }
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body.getBytes(StandardCharsets.UTF_8));
    }
}
