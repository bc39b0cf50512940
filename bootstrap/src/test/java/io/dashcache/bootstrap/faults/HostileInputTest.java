package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.testsupport.PrivateRedisServer;
import io.dashcache.testsupport.RedisCommandLog;
import io.dashcache.testsupport.RedisTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A few thousand hostile inputs, from a fixed seed, at a real instance on a private Redis whose
 * every command is watched with MONITOR: headers, path segments, query parameters and bodies over
 * HTTP (some as raw bytes on a socket, which no well-behaved client would send), and event payloads
 * on the stream. Only 2xx and 4xx come back, every error is JSON without a stack trace, no key
 * outside the contract's alphabet ever reaches Redis, and the instance still works afterwards.
 */
class HostileInputTest {

    private static final long SEED = 20261126L;
    private static final int HTTP_INPUTS = 1_600;
    private static final int STREAM_INPUTS = 300;
    private static final Pattern KEY_ALPHABET = Pattern.compile("[A-Za-z0-9._@:{}-]+");
    private static final String[] USER_READS = {"/api/dashboard/overview", "/api/dashboard/preferences",
            "/api/dashboard/recent-activity", "/api/dashboard/notifications", "/api/dashboard/widgets/heatmap"};
    private static final Set<String> NEVER_SENT = Set.of("KEYS", "FLUSHALL", "FLUSHDB", "CONFIG", "DEBUG", "SHUTDOWN");

    private final String prefix = RedisTestServer.uniquePrefix();
    private final HostileInput hostile = new HostileInput(SEED);
    private final List<String> wrongAnswers = new ArrayList<>();
    private final Map<Integer, Integer> statusCounts = new HashMap<>();
    private PrivateRedisServer redis;
    private RedisCommandLog commands;
    private EngineStub engine;
    private RunningInstance instance;

    @BeforeEach
    void start() {
        redis = PrivateRedisServer.start();
        commands = RedisCommandLog.attach(redis.url());
        engine = new EngineStub();
        instance = RunningInstance.start(Map.of(
                "DASHCACHE_REDIS_URL", redis.url(),
                "DASHCACHE_ENGINE_URL", engine.url(),
                "DASHCACHE_KEY_PREFIX", prefix));
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
        commands.close();
        redis.close();
    }

    /** Every byte outside the unreserved set percent-encoded, as a careful client would. */
    private static String encoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private void judge(String input, int status, String body) {
        statusCounts.merge(status, 1, Integer::sum);
        if (status < 200 || status >= 500) {
            wrongAnswers.add(status + " for " + shortened(input) + ": " + shortened(body));
        } else if (status >= 400 && (body.contains("Exception") || body.contains("\tat ") || !body.startsWith("{\"error\""))) {
            wrongAnswers.add("not a clean JSON error for " + shortened(input) + ": " + shortened(body));
        }
    }

    private static String shortened(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 160 ? visible.substring(0, 160) + "..." : visible;
    }

    private void viaClient(String what, HttpRequest.Builder request) {
        HttpResponse<byte[]> response = instance.send(request);
        judge(what, response.statusCode(), RunningInstance.text(response));
    }

    /** Writes a request as raw bytes (CR/LF, control and non-ASCII characters included) and reads the status. */
    private void viaSocket(String requestHead, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", instance.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = in.read(chunk)) != -1 && answer.size() < 1 << 20) {
                answer.write(chunk, 0, n);
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                wrongAnswers.add("no HTTP answer for " + shortened(requestHead) + ": " + shortened(text));
                return;
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            judge(requestHead, status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        } catch (IOException e) {
            wrongAnswers.add("no answer for " + shortened(requestHead) + ": " + e);
        }
    }

    private static String head(String method, String target, String... headerLines) {
        StringBuilder out = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            out.append(line).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private void oneHttpInput(int i) {
        String user = hostile.random().nextInt(4) == 0 ? hostile.valid(8) : hostile.text();
        String body = hostile.body();
        switch (i % 10) {
            case 0, 1 -> viaSocket(head("GET", USER_READS[i % USER_READS.length], "X-User-Id: " + user), new byte[0]);
            case 2 -> viaSocket(head("GET", "/api/dashboard/widgets/" + hostile.text(), "X-User-Id: u1"), new byte[0]);
            case 3 -> viaClient("widget " + user, instance.request("/api/dashboard/widgets/" + encoded(user))
                    .header("X-User-Id", hostile.valid(6)).GET());
            case 4 -> viaClient("period " + user, instance.request((i % 20 == 4 ? "/api/dashboard/analytics"
                    : "/api/dashboard/aggregated-analytics") + "?period=" + encoded(user)
                    + (i % 30 == 4 ? "&period=7d" : "")).GET());
            case 5, 6 -> viaClient("event " + body, instance.request("/api/events")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            case 7 -> viaClient("invalidate " + body, instance.request("/api/cache/invalidate")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            hostile.random().nextBoolean() ? body : "{\"userId\":" + HostileInput.jsonString(user) + "}")));
            case 8 -> viaSocket(head("PUT", "/api/dashboard/preferences", "X-User-Id: " + user,
                    "Content-Type: application/json", "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length),
                    body.getBytes(StandardCharsets.UTF_8));
            default -> viaClient("oversized analyses", instance.request("/api/analyses")
                    .header("X-User-Id", "u1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + "1,".repeat(40_000) + "1]")));
        }
    }

    private void addToStream(RedisClient client, Map<String, String> fields) {
        client.xadd(prefix + ":events", StreamEntryID.NEW_ENTRY, fields);
    }

    @Test
    void thousands_of_hostile_inputs_get_only_2xx_or_4xx_and_never_put_a_bad_key_into_redis() {
        for (int i = 0; i < HTTP_INPUTS; i++) {
            oneHttpInput(i);
        }
        // request lines no client library would produce
        viaSocket("GARBAGE\r\n\r\n", new byte[0]);
        viaSocket("GET /api/dashboard/widgets/a b HTTP/1.1\r\nHost: x\r\nX-User-Id: u1\r\n\r\n", new byte[0]);
        viaSocket(head("GET", "/api/dashboard/overview", "X-User-Id: " + "u".repeat(20_000)), new byte[0]);
        viaSocket(head("POST", "/api/events", "Content-Length: 999999999", "Content-Type: application/json"), new byte[0]);

        try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            for (int i = 0; i < STREAM_INPUTS; i++) {
                switch (i % 6) {
                    case 0 -> addToStream(client, Map.of("not-event", hostile.text().isEmpty() ? "x" : hostile.text()));
                    case 1 -> addToStream(client, Map.of("event", "{\"eventId\":\"" + "x".repeat(70_000) + "\"}"));
                    case 2 -> addToStream(client, Map.of("event", hostile.event(), "extra", hostile.text()));
                    default -> addToStream(client, Map.of("event", hostile.body()));
                }
            }
            addToStream(client, Map.of("event", "{\"eventId\":\"last-one\",\"type\":\"detection.created\","
                    + "\"userId\":\"u1\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(client.exists(prefix + ":event:last-one")).isTrue();
                assertThat(client.xpending(prefix + ":events", "dashcache").getTotal()).isZero();
            });
            assertThat(client.xlen(prefix + ":events:dead")).as("unreadable entries kept aside").isPositive();

            assertThat(wrongAnswers).as("answers out of %s", statusCounts).isEmpty();
            assertThat(statusCounts).containsKeys(200, 400, 413);
            assertEveryKeyUnderThePrefixIsInTheAlphabet(client);
        }
        assertEveryKeySentToRedisIsInTheAlphabet();

        // still serving
        assertThat(instance.get("/api/dashboard/overview", "X-User-Id", "u1").statusCode()).isEqualTo(200);
        assertThat(instance.healthStatus()).isEqualTo("UP");
    }

    private void assertEveryKeyUnderThePrefixIsInTheAlphabet(RedisClient client) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, new ScanParams().count(1000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));

        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            assertThat(key).startsWith(prefix + ":");
            assertThat(key).matches(KEY_ALPHABET);
        });
    }

    /** From MONITOR: every argument naming something under the prefix (keys, streams, channels). */
    private void assertEveryKeySentToRedisIsInTheAlphabet() {
        Pattern scanPattern = Pattern.compile(Pattern.quote(prefix) + ":([a-z_]+)?\\*");
        List<List<String>> seen = commands.commands();
        assertThat(commands.unparsed()).isEmpty();
        assertThat(seen).hasSizeGreaterThan(HTTP_INPUTS / 10);
        List<String> offending = new ArrayList<>();
        for (List<String> command : seen) {
            String name = command.get(0).toUpperCase();
            if (NEVER_SENT.contains(name)) {
                offending.add("command " + name);
            }
            for (int i = 1; i < command.size(); i++) {
                String argument = command.get(i);
                if (name.equals("SCAN") && command.get(i - 1).equalsIgnoreCase("MATCH")) {
                    if (!scanPattern.matcher(argument).matches()) {
                        offending.add("SCAN pattern " + argument);
                    }
                } else if (argument.startsWith(prefix + ":") && !KEY_ALPHABET.matcher(argument).matches()) {
                    offending.add(name + " " + shortened(argument));
                }
            }
        }
        assertThat(offending).isEmpty();
    }
}
