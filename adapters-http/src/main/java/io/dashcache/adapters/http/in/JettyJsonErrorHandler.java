package io.dashcache.adapters.http.in;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty answers some requests before Javalin sees them (a request line it cannot parse, headers
 * over the limit); its default answer is an HTML page. This one keeps those answers in the
 * contract's JSON error shape too.
 */
final class JettyJsonErrorHandler extends ErrorHandler {

    private final Json json;

    JettyJsonErrorHandler(Json json) {
        this.json = json;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Json.CONTENT_TYPE);
        response.getOutputStream().write(body(code, message));
    }

    private byte[] body(int status, String reason) {
        String error = status == 413 ? ErrorBody.BODY_TOO_LARGE
                : status >= 500 ? ErrorBody.INTERNAL_ERROR : ErrorBody.INVALID_REQUEST;
        String detail = "the request could not be handled (HTTP " + status
                + (reason == null || reason.isBlank() ? "" : ": " + shortened(PublicText.of(reason))) + ")";
        return json.write(new ErrorBody(error, detail));
    }

    private static String shortened(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100) + "...";
    }
}
