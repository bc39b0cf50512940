package io.dashcache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterNodeLineTest {

    @Test
    void a_cluster_nodes_line_parses_into_role_primary_and_owned_slots_without_migrations() {
        List<ClusterNodeLine> view = ClusterNodeLine.parse("""
                a1 127.0.0.1:12001@22001 myself,master - 0 0 1 connected 0-5460 5462 [5463->-b2]
                b2 127.0.0.1:12002@22002,host.example slave a1 0 1700000000000 1 connected
                c3 :0@0 master,fail,noaddr - 1700000000000 1700000000000 3 disconnected
                """);

        assertThat(view).hasSize(3);
        ClusterNodeLine primary = view.get(0);
        assertThat(primary.port()).isEqualTo(12001);
        assertThat(primary.isPrimary()).isTrue();
        assertThat(primary.slotCount()).isEqualTo(5462);
        assertThat(primary.owns(5462)).isTrue();
        assertThat(primary.owns(5461)).isFalse();
        assertThat(primary.owns(5463)).isFalse();
        assertThat(view.get(1).isReplica()).isTrue();
        assertThat(view.get(1).port()).isEqualTo(12002);
        assertThat(view.get(1).primaryId()).isEqualTo("a1");
        assertThat(view.get(2).isFailing()).isTrue();
    }
}
