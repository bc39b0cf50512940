package io.dashcache.adapters.http.in;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Jetty's HTTP/1.1 connections, except that a request line Jetty cannot read is always the caller's
 * mistake: Jetty answers an unreadable version token (as in {@code GET /a b HTTP/1.1}, a raw space
 * in the path) with {@code 505}, which would tell the caller the server failed. It becomes a
 * {@code 400}; the contract keeps 5xx for dashcache's and its dependencies' failures.
 */
final class CallerFaultConnectionFactory extends HttpConnectionFactory {

    CallerFaultConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint,
                isRecordHttpComplianceViolations()) {
            @Override
            protected HttpChannelOverHttp newHttpChannel() {
                return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                    @Override
                    public void badMessage(BadMessageException failure) {
                        super.badMessage(failure.getCode() >= HttpStatus.INTERNAL_SERVER_ERROR_500
                                ? new BadMessageException(HttpStatus.BAD_REQUEST_400, failure.getReason(), failure)
                                : failure);
                    }
                };
            }
        };
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }
}
