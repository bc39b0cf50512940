package io.dashcache.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code DASHCACHE_HTTP_REQUEST_DEADLINE_MS} reaches the server: a whole instance cuts a slowloris in time. */
class SlowClientTest {

    private RunningInstance instance;

    @BeforeEach
    void start() {
        instance = RunningInstance.start(Map.of("DASHCACHE_REDIS_URL", "none", "DASHCACHE_HTTP_REQUEST_DEADLINE_MS", "1000"));
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    @Test
    void headers_sent_a_byte_every_500_ms_are_cut_within_the_deadline() throws Exception {
        byte[] request = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "z".repeat(30) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        long closedAfterMillis = -1;
        try (Socket socket = new Socket("127.0.0.1", instance.port())) {
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(1);
            for (byte b : request) {
                out.write(b);
                out.flush();
                Thread.sleep(500);
                try {
                    if (socket.getInputStream().read() == -1) {
                        closedAfterMillis = (System.nanoTime() - started) / 1_000_000;
                        break;
                    }
                    break; // an answer before the request was whole: must not happen
                } catch (SocketTimeoutException stillOpen) {
                    // the next byte
                }
            }
        } catch (IOException reset) {
            closedAfterMillis = (System.nanoTime() - started) / 1_000_000;
        }

        assertThat(closedAfterMillis).as("ms until the instance closed (-1: never)").isBetween(900L, 2_500L);
    }
}
