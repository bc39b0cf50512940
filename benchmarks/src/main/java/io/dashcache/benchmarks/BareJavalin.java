package io.dashcache.benchmarks;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;

/**
 * The floor an instance's L1 hit is held against: a bare Javalin endpoint, in a process of its own
 * started as an instance is (default GC and heap), answering {@code GET /api/dashboard/overview}
 * with a fixed body and the headers a hit carries ({@code X-Cache}, {@code ETag}), nothing else.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.dashcache.benchmarks.BareJavalin --port=8081 --bytes=330
 * </pre>
 */
public final class BareJavalin {

    private BareJavalin() {
    }

    public static void main(String[] args) {
        int port = 0;
        int bytes = 330;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--bytes=")) {
                bytes = Integer.parseInt(arg.substring("--bytes=".length()));
            } else {
                System.err.println("unknown argument '" + arg + "'; the options are --port=, --bytes=");
                System.exit(2);
            }
        }
        byte[] body = StandInEngine.body("overview", "userId=hot", bytes);
        String etag = "\"" + Integer.toHexString(new String(body, StandardCharsets.UTF_8).hashCode()) + "\"";
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.disableCompression();
        });
        app.get("/api/dashboard/overview", ctx -> ctx.header("X-Cache", "L1_HIT").header("ETag", etag)
                .contentType("application/json").result(body));
        app.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
        app.start("127.0.0.1", port);
        System.out.println("bare Javalin listening on port " + app.port());
        System.out.flush();
    }
}
