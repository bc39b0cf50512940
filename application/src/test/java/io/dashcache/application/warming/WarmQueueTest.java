package io.dashcache.application.warming;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.application.port.messages.WarmKind;
import io.dashcache.application.warming.WarmQueue.Admission;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmQueueTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static CacheKey overview(int user) {
        return CacheKey.forUser(DataType.OVERVIEW, UserId.of("u" + user));
    }

    private static List<WarmTask> drain(WarmQueue queue) throws InterruptedException {
        List<WarmTask> tasks = new ArrayList<>();
        WarmTask task;
        while ((task = queue.poll(0, TimeUnit.MILLISECONDS)) != null) {
            tasks.add(task);
        }
        return tasks;
    }

    @Test
    void tasks_come_out_most_urgent_kind_first_and_oldest_first_within_a_kind() throws Exception {
        WarmQueue queue = new WarmQueue(100);
        queue.offer(WarmKind.SCHEDULED, overview(1), NOW);
        queue.offer(WarmKind.BACKGROUND, overview(2), NOW);
        queue.offer(WarmKind.USER_TRIGGERED, overview(3), NOW);
        queue.offer(WarmKind.ON_DEMAND, overview(4), NOW);
        queue.offer(WarmKind.SCHEDULED, overview(5), NOW);
        queue.offer(WarmKind.ON_DEMAND, overview(6), NOW);

        assertThat(drain(queue)).extracting(WarmTask::key)
                .containsExactly(overview(4), overview(6), overview(3), overview(2), overview(1), overview(5));
    }

    @Test
    void a_key_waits_only_once() throws Exception {
        WarmQueue queue = new WarmQueue(100);

        assertThat(queue.offer(WarmKind.SCHEDULED, overview(1), NOW)).isEqualTo(Admission.QUEUED);
        assertThat(queue.offer(WarmKind.SCHEDULED, overview(1), NOW)).isEqualTo(Admission.ALREADY_QUEUED);
        assertThat(queue.offer(WarmKind.BACKGROUND, overview(2), NOW)).isEqualTo(Admission.QUEUED);
        assertThat(queue.offer(WarmKind.SCHEDULED, overview(2), NOW)).isEqualTo(Admission.ALREADY_QUEUED);

        assertThat(queue.size()).isEqualTo(2);
        assertThat(drain(queue)).hasSize(2);
    }

    @Test
    void a_more_urgent_ask_moves_a_waiting_key_up_and_it_still_runs_once() throws Exception {
        WarmQueue queue = new WarmQueue(100);
        queue.offer(WarmKind.SCHEDULED, overview(1), NOW);
        queue.offer(WarmKind.USER_TRIGGERED, overview(2), NOW);

        assertThat(queue.offer(WarmKind.ON_DEMAND, overview(1), NOW)).isEqualTo(Admission.ALREADY_QUEUED);

        List<WarmTask> tasks = drain(queue);
        assertThat(tasks).extracting(WarmTask::key).containsExactly(overview(1), overview(2));
        assertThat(tasks.get(0).kind()).isEqualTo(WarmKind.ON_DEMAND);
    }

    @Test
    void moving_a_key_up_keeps_the_stricter_freshness_demand() throws Exception {
        WarmQueue queue = new WarmQueue(100);
        queue.offer(WarmKind.SCHEDULED, overview(1), NOW.plusSeconds(60));

        queue.offer(WarmKind.ON_DEMAND, overview(1), NOW);

        assertThat(drain(queue).get(0).freshBeyond()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void a_full_queue_drops_new_keys_but_still_moves_waiting_ones_up() throws Exception {
        WarmQueue queue = new WarmQueue(2);
        queue.offer(WarmKind.SCHEDULED, overview(1), NOW);
        queue.offer(WarmKind.SCHEDULED, overview(2), NOW);

        assertThat(queue.offer(WarmKind.ON_DEMAND, overview(3), NOW)).isEqualTo(Admission.DROPPED);
        assertThat(queue.offer(WarmKind.ON_DEMAND, overview(2), NOW)).isEqualTo(Admission.ALREADY_QUEUED);

        assertThat(queue.size()).isEqualTo(2);
        assertThat(drain(queue)).extracting(WarmTask::key).containsExactly(overview(2), overview(1));
    }

    @Test
    void a_taken_task_frees_its_place_and_its_key_may_wait_again() throws Exception {
        WarmQueue queue = new WarmQueue(1);
        queue.offer(WarmKind.SCHEDULED, overview(1), NOW);

        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isNotNull();

        assertThat(queue.isWaiting(overview(1))).isFalse();
        assertThat(queue.offer(WarmKind.SCHEDULED, overview(1), NOW)).isEqualTo(Admission.QUEUED);
    }

    @Test
    void polling_an_empty_queue_waits_at_most_the_timeout() throws Exception {
        WarmQueue queue = new WarmQueue(1);

        assertThat(queue.poll(20, TimeUnit.MILLISECONDS)).isNull();
    }
}
