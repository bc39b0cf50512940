package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up as an operator sees it: a real JVM, real exit code, real stderr. */
class MainTest {

    private record Run(int exitCode, String stderr) {
    }

    private static Run runMain(String variable, String value) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        builder.environment().keySet().removeIf(name -> name.startsWith("DASHCACHE_"));
        builder.environment().put(variable, value);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Run(process.exitValue(), stderr);
    }

    @Test
    void a_bad_value_stops_start_up_with_exit_1_and_one_line_naming_the_variable() throws Exception {
        Run run = runMain("DASHCACHE_L1_MAX_BYTES", "a lot");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("DASHCACHE_L1_MAX_BYTES").contains("a lot").doesNotContain("Exception");
    }

    @Test
    void a_port_in_use_stops_start_up_with_exit_1_and_a_readable_line() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Run run = runMain("DASHCACHE_HTTP_PORT", Integer.toString(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("dashcache: could not start").doesNotContain("\tat ");
        }
    }
}
