package io.dashcache.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void utime_and_stime_are_read_after_a_name_holding_spaces_and_parentheses() {
        String stat = "4242 (C2 Compiler (x) 1) S 1 4242 4242 0 -1 4194368 500 0 0 0 1234 56 0 0 20 0 40 0 99 "
                + "1000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcCpu.ticks(stat)).isEqualTo(1234 + 56);
        assertThat(ProcCpu.name(stat)).isEqualTo("C2 Compiler (x) 1");
    }

    @Test
    void threads_of_one_pool_form_one_group() {
        assertThat(ProcCpu.group("dashcache-http-31")).isEqualTo("dashcache-http");
        assertThat(ProcCpu.group("dashcache-http-7")).isEqualTo("dashcache-http");
        assertThat(ProcCpu.group("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(ProcCpu.group("G1 Conc#0")).isEqualTo("G1 Conc");
        assertThat(ProcCpu.group("HttpClient-1-Wo")).isEqualTo("HttpClient-Wo");
        assertThat(ProcCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ProcCpu.group("VM Thread")).isEqualTo("VM Thread");
        assertThat(ProcCpu.group("42")).isEqualTo("42");
    }

    @Test
    void the_difference_counts_what_each_group_spent_and_a_new_group_whole() {
        Map<String, Long> spent = ProcCpu.difference(Map.of("http", 100L, "gc", 50L),
                Map.of("http", 180L, "gc", 50L, "new", 30L));

        assertThat(spent).containsExactlyInAnyOrderEntriesOf(Map.of("http", 80L, "gc", 0L, "new", 30L));
    }

    @Test
    void this_process_has_used_some_cpu_and_its_main_thread_is_named_after_the_command() {
        assertThat(ProcCpu.processNanos(ProcessHandle.current().pid())).isPositive();
        assertThat(ProcCpu.byThreadGroup(ProcessHandle.current().pid())).containsKey("java");
    }
}
