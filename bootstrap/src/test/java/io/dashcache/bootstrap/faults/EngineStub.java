package io.dashcache.bootstrap.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The Core Detection Engine, played by WireMock on a fixed loopback port (so it can be stopped
 * and started again where the instance expects it): every read answers a JSON object naming the
 * data's version, which a test moves to tell a fresh value from a cached one.
 */
final class EngineStub implements AutoCloseable {

    private WireMockServer server;
    private final int port;

    EngineStub() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        port = server.port();
        answerEverything("{\"v\":1}");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Every read (and write) answers {@code json} at once. */
    void answerEverything(String json) {
        server.resetAll();
        server.stubFor(any(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    /** One user's reads answer {@code json} (more specific than the catch-all). */
    void answerUser(String user, String json) {
        server.stubFor(get(urlPathMatching("/v1/.*")).withQueryParam("userId", equalTo(user)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json)));
    }

    /** Every read answers, but only after {@code millis}. */
    void slow(int millis) {
        server.resetAll();
        server.stubFor(get(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"v\":\"slow\"}").withFixedDelay(millis)));
    }

    /** Every read answers 500. */
    void failing() {
        server.resetAll();
        server.stubFor(get(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":\"boom\"}")));
    }

    /** Every read answers {@code 200} with {@code body} as it is, whatever it is (a hostile or broken engine). */
    void answerRaw(String body) {
        server.resetAll();
        server.stubFor(get(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** How many reads of {@code type} the engine has been asked for {@code user} since the latest reset. */
    int readsOf(String type, String user) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/" + type))
                .withQueryParam("userId", equalTo(user)).build()).getCount();
    }

    /** Nothing listens any more: connections are refused. */
    void stop() {
        server.stop();
    }

    /** Listens again on the same port, answering {@code json}. */
    void startAgain(String json) {
        server = new WireMockServer(wireMockConfig().port(port).bindAddress("127.0.0.1"));
        server.start();
        answerEverything(json);
    }

    @Override
    public void close() {
        server.stop();
    }
}
