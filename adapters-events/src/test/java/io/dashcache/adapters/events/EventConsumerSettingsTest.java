package io.dashcache.adapters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashcache.domain.KeyFormat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventConsumerSettingsTest {

    private final EventConsumerSettings defaults = EventConsumerSettings.defaults(KeyFormat.standalone("dash"), "host-1");

    @Test
    void the_defaults_are_the_contract_s() {
        assertThat(defaults).isEqualTo(new EventConsumerSettings("dash:events", "dashcache", "host-1", 100,
                Duration.ofSeconds(1), Duration.ofSeconds(30), 65536, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10)));
        assertThat(defaults.deadStream()).isEqualTo("dash:events:dead");
        assertThat(defaults.aliveKey()).isEqualTo("dash:events:alive");
    }

    @Test
    void a_configured_stream_replaces_the_default_and_an_unset_one_keeps_it() {
        assertThat(defaults.withStream("engine:events").deadStream()).isEqualTo("engine:events:dead");
        assertThat(defaults.withStream(null)).isEqualTo(defaults);
        assertThat(defaults.withStream(" ")).isEqualTo(defaults);
    }

    @Test
    void a_bad_value_is_refused_with_a_message_naming_it() {
        assertThatThrownBy(() -> defaults.withStream("my events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DASHCACHE_EVENTS_STREAM (the events stream) must be 1 to 200 printable ASCII "
                        + "characters without spaces, got 'my events'");
        assertThatThrownBy(() -> defaults.withConsumer(""))
                .hasMessageStartingWith("consumer name must be");
        assertThatThrownBy(() -> defaults.withBatchSize(0))
                .hasMessage("events batch size must be 1 to 10000, got 0");
        assertThatThrownBy(() -> defaults.withBlockTimeout(Duration.ofMinutes(5)))
                .hasMessage("events block timeout must be 1 ms to 60000 ms, got 300000 ms");
        assertThatThrownBy(() -> defaults.withClaimIdle(Duration.ZERO))
                .hasMessageStartingWith("events claim-idle time must be");
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ofMillis(5), Duration.ofSeconds(5)))
                .hasMessage("DASHCACHE_EVENTS_HEARTBEAT_MS (the events consumer heartbeat) must be 10 ms to 60000 ms, "
                        + "got 5 ms");
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ofSeconds(1), Duration.ofMillis(1500)))
                .hasMessage("DASHCACHE_EVENTS_LIVENESS_MS must be at least twice DASHCACHE_EVENTS_HEARTBEAT_MS (1000 ms), "
                        + "got 1500 ms");
    }
}
