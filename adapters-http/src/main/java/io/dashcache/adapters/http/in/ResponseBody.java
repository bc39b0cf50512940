package io.dashcache.adapters.http.in;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the cached reads send their bytes: straight to the response, with their length.
 * {@code ctx.result(bytes)} sends them through Javalin's compression wrapper and an 8 KB copy buffer
 * per request (with Jetty's buffers, about 32 KB of the 37 KB an L1 hit allocated, docs/benchmarks.md);
 * with the length known Jetty also completes the response as the last byte is written.
 */
final class ResponseBody {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseBody.class);

    private ResponseBody() {
    }

    /** Writes {@code body} as the whole response body; status and headers must be set before. */
    static void write(Context ctx, byte[] body) {
        HttpServletResponse response = ctx.res();
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException clientGone) {
            // the caller closed the connection: there is no one left to answer
            LOG.debug("the caller went away while its answer was written: {}", clientGone.toString());
        }
    }
}
