package io.dashcache.adapters.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies within the size limit and parses them with the module's JSON rules.
 * Javalin checks only the declared {@code Content-Length}; a chunked body declares none, so the
 * limit is enforced here again while reading.
 */
final class RequestBodies {

    private final int maxBytes;
    private final Json json;

    RequestBodies(int maxBytes, Json json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    /** The raw bytes; {@code 413} past the limit, {@code 400} when empty. */
    byte[] read(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] body = readAtMost(ctx);
        if (body.length == 0) {
            throw HttpProblem.invalid("a JSON body is required");
        }
        return body;
    }

    /** A body that must be one JSON object: returns the bytes unchanged, after checking them. */
    byte[] readObjectBytes(Context ctx) {
        byte[] body = read(ctx);
        if (!json.readTree(body).isObject()) {
            throw HttpProblem.invalid("the body must be a JSON object");
        }
        return body;
    }

    /** A body that must be a JSON object or array: returns the bytes unchanged, after checking them. */
    byte[] readObjectOrArrayBytes(Context ctx) {
        byte[] body = read(ctx);
        JsonNode tree = json.readTree(body);
        if (!tree.isObject() && !tree.isArray()) {
            throw HttpProblem.invalid("the body must be a JSON object or array");
        }
        return body;
    }

    JsonNode readObject(Context ctx) {
        JsonNode tree = json.readTree(read(ctx));
        if (!tree.isObject()) {
            throw HttpProblem.invalid("the body must be a JSON object");
        }
        return tree;
    }

    private byte[] readAtMost(Context ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
        byte[] chunk = new byte[8192];
        try (InputStream in = ctx.req().getInputStream()) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge();
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw HttpProblem.invalid("the request body could not be read");
        }
        return out.toByteArray();
    }

    private HttpProblem tooLarge() {
        return new HttpProblem(413, ErrorBody.BODY_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
    }
}
