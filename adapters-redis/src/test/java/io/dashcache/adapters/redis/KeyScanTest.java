package io.dashcache.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyScanTest {

    @Test
    void the_live_primaries_are_read_from_cluster_nodes_without_replicas_or_failed_nodes() {
        String nodes = """
                07c3 127.0.0.1:30004@40004 slave e7d1 0 1426238317239 4 connected
                67ed 127.0.0.1:30002@40002 master - 0 1426238316232 2 connected 5461-10922
                292f 127.0.0.1:30003@40003,cache-3.internal master - 0 1426238318243 3 connected 10923-16383
                6ec2 127.0.0.1:30005@40005 master,fail - 1426238316232 0 5 disconnected
                e7d1 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5460
                """;

        assertThat(KeyScan.primariesIn(nodes)).containsExactly("127.0.0.1:30002", "127.0.0.1:30003", "127.0.0.1:30001");
    }

    @Test
    void the_primary_serving_a_slot_is_found_in_its_ranges_and_a_failed_primary_serves_none() {
        String nodes = """
                07c3 127.0.0.1:30004@40004 slave e7d1 0 1426238317239 4 connected
                67ed 127.0.0.1:30002@40002 master - 0 1426238316232 2 connected 5461-10921 10922 [10923->-292f]
                292f 127.0.0.1:30003@40003 master,fail - 0 1426238318243 3 connected 10923-16383
                e7d1 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5460
                """;

        assertThat(KeyScan.primaryServing(nodes, 0)).isEqualTo("127.0.0.1:30001");
        assertThat(KeyScan.primaryServing(nodes, 5460)).isEqualTo("127.0.0.1:30001");
        assertThat(KeyScan.primaryServing(nodes, 5461)).isEqualTo("127.0.0.1:30002");
        assertThat(KeyScan.primaryServing(nodes, 10922)).isEqualTo("127.0.0.1:30002");
        assertThat(KeyScan.primaryServing(nodes, 12000)).as("its primary failed, no replica promoted yet").isNull();
    }
}
