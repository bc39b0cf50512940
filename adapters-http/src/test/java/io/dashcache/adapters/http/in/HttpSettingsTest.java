package io.dashcache.adapters.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void the_defaults_are_port_8080_64_kib_bodies_and_32_threads() {
        assertThat(HttpSettings.defaults()).isEqualTo(new HttpSettings(8080, 65_536, 32));
    }

    @Test
    void a_port_outside_the_tcp_range_is_refused_with_its_value() {
        assertThatThrownBy(() -> HttpSettings.onPort(70_000)).hasMessageContaining("70000");
        assertThatThrownBy(() -> HttpSettings.onPort(-1)).hasMessageContaining("-1");
    }

    @Test
    void too_few_threads_for_jetty_to_serve_a_request_are_refused() {
        assertThatThrownBy(() -> new HttpSettings(0, 1024, 2)).hasMessageContaining("at least 8");
    }

    @Test
    void a_server_started_on_port_0_reports_the_port_it_got_and_refuses_a_second_start() {
        RecordingPorts ports = new RecordingPorts();
        DashboardHttpServer server = new DashboardHttpServer(HttpSettings.onPort(0), ports, ports, ports, ports, ports, ports);
        try {
            assertThat(server.start()).isPositive();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        } finally {
            server.stop();
        }
    }
}
