package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dashcache.bootstrap.Main;
import io.dashcache.testsupport.PrivateRedisServer;
import io.dashcache.testsupport.RedisTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis with an ACL user and a password over TLS, from the URL alone, in a real JVM whose log runs
 * at debug level for dashcache's own classes; no secret (the Redis password, the JWT secret, a
 * token) ever appears in that log, through start-up, requests, bad tokens and a Redis outage.
 */
class SecretsAndTransportTest {

    private static final String REDIS_PASSWORD = "redis-Pa55word-never-logged";
    private static final String JWT_SECRET = "jwt-secret-never-logged-0123456789abcdef";
    private static final Pattern READY = Pattern.compile("ready on http://localhost:(\\d+)");

    @TempDir
    Path dir;

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    }

    private static String token(String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void an_acl_user_over_tls_works_from_the_url_alone_and_no_secret_reaches_the_log() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path trust = dir.resolve("trust.p12");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "redis", "-file", cert.toString(), "-keystore", trust.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");

        try (PrivateRedisServer redis = PrivateRedisServer.startTls(cert, key, cert,
                "--user", "default", "off", "--user", "cache-app", "on", ">" + REDIS_PASSWORD, "~*", "&*", "+@all");
             EngineStub engine = new EngineStub()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-Dorg.slf4j.simpleLogger.log.io.dashcache=debug",
                    "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit",
                    Main.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(name -> name.startsWith("DASHCACHE_"));
            builder.environment().putAll(Map.of(
                    "DASHCACHE_REDIS_URL", redis.url("cache-app", REDIS_PASSWORD),
                    "DASHCACHE_HTTP_PORT", "0",
                    "DASHCACHE_ENGINE_URL", engine.url(),
                    "DASHCACHE_KEY_PREFIX", RedisTestServer.uniquePrefix(),
                    "DASHCACHE_DEMO_EVENTS_PER_MINUTE", "0",
                    "DASHCACHE_REDIS_BREAKER_OPEN_MS", "500",
                    "DASHCACHE_AUTH", "jwt",
                    "DASHCACHE_JWT_SECRET", JWT_SECRET));
            Process instance = builder.start();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Thread drain = drain(instance.getErrorStream(), log);
            try {
                int port = await().atMost(Duration.ofSeconds(30)).until(() -> port(log), found -> found > 0);
                HttpClient client = HttpClient.newHttpClient();
                String alice = token("alice");

                JsonNode redisHealth = await().atMost(Duration.ofSeconds(10)).until(
                        () -> health(client, port).path("dependencies").path("redis"),
                        state -> state.path("state").asText().equals("UP"));
                assertThat(redisHealth.path("detail").asText()).startsWith("rediss://cache-app:***@127.0.0.1:");

                assertThat(xCache(client, port, "Bearer " + alice)).isEqualTo("MISS");
                assertThat(xCache(client, port, "Bearer " + alice)).isEqualTo("L1_HIT");
                assertThat(status(client, port, "Bearer " + alice.substring(0, alice.length() - 4) + "AAAA")).isEqualTo(401);

                redis.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> health(client, port).path("status").asText()
                        .equals("DEGRADED"));
                assertThat(status(client, port, "Bearer " + alice)).isEqualTo(200);
            } finally {
                instance.destroy();
                instance.waitFor(10, TimeUnit.SECONDS);
                drain.join(5000);
            }

            String text = log.toString(StandardCharsets.UTF_8);
            assertThat(text).as("the instance logged at all").contains("Redis L2 at rediss://cache-app:***@");
            assertThat(text).doesNotContain(REDIS_PASSWORD).doesNotContain(JWT_SECRET)
                    .doesNotContain(token("alice").substring(0, 40));
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread thread = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try {
                int n;
                while ((n = in.read(chunk)) != -1) {
                    synchronized (into) {
                        into.write(chunk, 0, n);
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int port(ByteArrayOutputStream log) {
        String text;
        synchronized (log) {
            text = log.toString(StandardCharsets.UTF_8);
        }
        Matcher ready = READY.matcher(text);
        return ready.find() ? Integer.parseInt(ready.group(1)) : -1;
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode health(HttpClient client, int port) throws Exception {
        return new ObjectMapper().readTree(get(client, port, "/health", null).body());
    }

    private static String xCache(HttpClient client, int port, String authorization) throws Exception {
        return get(client, port, "/api/dashboard/overview", authorization).headers().firstValue("X-Cache").orElse("");
    }

    private static int status(HttpClient client, int port, String authorization) throws Exception {
        return get(client, port, "/api/dashboard/overview", authorization).statusCode();
    }
}
