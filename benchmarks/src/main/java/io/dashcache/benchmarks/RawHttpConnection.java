package io.dashcache.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * HTTP/1.1 over one keep-alive socket, written for the harness: a request is a prepared byte array,
 * the answer is parsed just far enough to know its status, its {@code X-Cache} and where it ends
 * (Content-Length or chunked). It costs a fraction of {@code java.net.http.HttpClient}'s CPU per
 * request, which matters when client and server share two cores.
 */
final class RawHttpConnection implements HttpConnection {

    private final InetSocketAddress address;
    private final boolean keepBodies;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A connection that reads past the bodies without keeping them. */
    RawHttpConnection(int port) {
        this(port, false);
    }

    RawHttpConnection(int port, boolean keepBodies) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.keepBodies = keepBodies;
    }

    @Override
    public Reply send(Call call) throws IOException {
        byte[] request = call.wire();
        if (socket == null) {
            connect();
            return exchange(request);
        }
        try {
            return exchange(request);
        } catch (IOException staleKeepAlive) {
            // the server may close an idle connection; one fresh try (events are idempotent by id)
            close();
            connect();
            return exchange(request);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(address, 5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        position = 0;
        limit = 0;
    }

    private Reply exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = readLine();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closing = false;
        String xCache = null;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon);
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("X-Cache")) {
                xCache = value;
            } else if (name.equalsIgnoreCase("Connection")) {
                closing = value.equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream body = keepBodies ? new ByteArrayOutputStream() : null;
        if (chunked) {
            skipChunks(body);
        } else if (contentLength > 0) {
            skip(contentLength, body);
        }
        if (closing) {
            close();
        }
        return new Reply(status, xCache, body == null ? null : body.toByteArray());
    }

    private void skipChunks(ByteArrayOutputStream body) throws IOException {
        while (true) {
            String sizeLine = readLine();
            int extension = sizeLine.indexOf(';');
            long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers, none expected
                }
                return;
            }
            skip(size, body);
            readLine();
        }
    }

    /** Reads past {@code count} bytes of body, into {@code body} when it is not null. */
    private void skip(long count, ByteArrayOutputStream body) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int step = (int) Math.min(left, limit - position);
            if (body != null) {
                body.write(buffer, position, step);
            }
            position += step;
            left -= step;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                fill();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) (b & 0xFF));
        }
    }

    private void fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        position = 0;
        limit = read;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
