package io.dashcache.adapters.http.in;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's HTTP/1.1 connections with three guards a hostile client cannot wear down:
 *
 * <ul>
 *   <li><b>A request deadline.</b> From a connection's opening, or the first byte of each further
 *       request, to the last byte of its body: a client that sends its headers a byte at a time
 *       (slowloris) is cut when the deadline passes. Jetty 11's idle timeout cannot do this, since
 *       every byte resets it. A request that arrives in one piece schedules nothing.</li>
 *   <li><b>A connection cap.</b> A connection opened beyond the cap reads its first request, which
 *       {@link #isOverCap} lets the API answer with a JSON {@code 503} and {@code Connection: close};
 *       and its idle time is cut to the deadline, so a flood of silent sockets cannot pile up.</li>
 *   <li><b>A request line Jetty cannot read is the caller's mistake:</b> Jetty answers an unreadable
 *       version token (as in {@code GET /a b HTTP/1.1}, a raw space in the path) with {@code 505},
 *       which would tell the caller the server failed. It becomes a {@code 400}; the contract keeps
 *       5xx for dashcache's and its dependencies' failures.</li>
 * </ul>
 */
final class GuardedConnectionFactory extends HttpConnectionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnectionFactory.class);

    private final long deadlineNanos;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    GuardedConnectionFactory(HttpConfiguration config, Duration requestDeadline, int maxConnections) {
        super(config);
        this.deadlineNanos = requestDeadline.toNanos();
        this.maxConnections = maxConnections;
    }

    /** Whether this request came on a connection opened beyond the cap (to be refused, and the connection closed). */
    static boolean isOverCap(HttpServletRequest request) {
        Request base = Request.getBaseRequest(request);
        return base != null && base.getHttpChannel() != null
                && base.getHttpChannel().getConnection() instanceof GuardedConnection guarded && guarded.overCap;
    }

    int openConnections() {
        return open.get();
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        GuardedConnection connection = new GuardedConnection(getHttpConfiguration(), connector, endPoint,
                isRecordHttpComplianceViolations());
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    private final class GuardedConnection extends HttpConnection {

        private volatile boolean overCap;
        /** When the request being read began ({@code System.nanoTime()}), or -1 between requests. */
        private long requestStarted = -1;
        private Scheduler.Task deadline;

        GuardedConnection(HttpConfiguration config, Connector connector, EndPoint endPoint, boolean recordViolations) {
            super(config, connector, endPoint, recordViolations);
        }

        @Override
        public void onOpen() {
            if (open.incrementAndGet() > maxConnections) {
                overCap = true;
                getEndPoint().setIdleTimeout(TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
            }
            super.onOpen();
            synchronized (this) {
                requestStarted = System.nanoTime(); // a connection's first request must come in time too
                schedule(deadlineNanos);
            }
        }

        @Override
        public void onClose(Throwable cause) {
            open.decrementAndGet();
            requestRead();
            super.onClose(cause);
        }

        @Override
        public void onFillable() {
            synchronized (this) {
                if (requestStarted < 0) {
                    requestStarted = System.nanoTime();
                }
            }
            super.onFillable();
            synchronized (this) {
                if (requestStarted >= 0 && deadline == null) {
                    schedule(deadlineNanos - (System.nanoTime() - requestStarted));
                }
            }
        }

        /** A refused connection is closed as soon as its answer is out, not when its client gets round to it. */
        @Override
        public void onCompleted() {
            super.onCompleted();
            if (overCap) {
                getEndPoint().close();
            }
        }

        /** The parser has the whole request, body included: the next one starts a new deadline. */
        synchronized void requestRead() {
            requestStarted = -1;
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
        }

        private void schedule(long nanos) {
            deadline = getConnector().getScheduler().schedule(this::expire, Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }

        private void expire() {
            synchronized (this) {
                deadline = null;
                if (requestStarted < 0) {
                    return;
                }
                long left = deadlineNanos - (System.nanoTime() - requestStarted);
                if (left > 0) {
                    schedule(left);
                    return;
                }
            }
            LOG.debug("closing a connection from {}: its request did not arrive within {} ms",
                    getEndPoint().getRemoteSocketAddress(), TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
            getEndPoint().close();
        }

        @Override
        protected HttpChannelOverHttp newHttpChannel() {
            return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                @Override
                public boolean headerComplete() {
                    // a request without a body is read once its headers are: a change stream's GET must not
                    // wait for messageComplete, which Jetty only parses once the long answer is over
                    if (getParser().getContentLength() <= 0 && !getParser().isChunking()) {
                        requestRead();
                    }
                    return super.headerComplete();
                }

                @Override
                public boolean messageComplete() {
                    requestRead();
                    return super.messageComplete();
                }

                @Override
                public void badMessage(BadMessageException failure) {
                    super.badMessage(failure.getCode() >= HttpStatus.INTERNAL_SERVER_ERROR_500
                            ? new BadMessageException(HttpStatus.BAD_REQUEST_400, failure.getReason(), failure)
                            : failure);
                }
            };
        }
    }
}
