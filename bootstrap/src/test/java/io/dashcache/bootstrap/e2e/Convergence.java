package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dashcache.bootstrap.Dashcache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one thing on several instances, again and again, until every one of them answers the
 * wanted body, and remembers every answer: so a test can check both that a change became visible
 * everywhere and that no instance, once it showed the change, went back to what was before.
 */
final class Convergence {

    static final Duration POLL = Duration.ofMillis(2);

    private final List<Dashcache> instances;
    private final ApiRead read;
    private final Map<Dashcache, List<Reply>> answers = new LinkedHashMap<>();
    private final Map<Dashcache, Long> firstWantedAt = new LinkedHashMap<>();

    Convergence(List<Dashcache> instances, ApiRead read) {
        this.instances = List.copyOf(instances);
        this.read = read;
        instances.forEach(instance -> answers.put(instance, new ArrayList<>()));
    }

    /**
     * Polls every instance (in the given order) until each has answered {@code wanted}.
     *
     * @return {@link System#nanoTime()} when the last of them first did
     */
    long awaitEverywhere(String wanted, Duration atMost) {
        firstWantedAt.clear();
        await("every instance answers " + wanted).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL)
                .atMost(atMost).until(() -> readAll(wanted));
        return firstWantedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Reads every instance {@code times} more times, to be checked by {@link #assertMovedOnlyForward}. */
    void keepReading(String wanted, int times) {
        for (int i = 0; i < times; i++) {
            readAll(wanted);
        }
    }

    /**
     * Every answer, on every instance, was {@code before} or {@code after}, and no instance answered
     * {@code before} again once it had answered {@code after}.
     */
    void assertMovedOnlyForward(String before, String after) {
        answers.forEach((instance, replies) -> {
            List<String> bodies = replies.stream().map(Reply::text).toList();
            assertThat(bodies).as("answers of %s", instance).allSatisfy(body -> assertThat(body).isIn(before, after));
            int first = bodies.indexOf(after);
            if (first >= 0) {
                assertThat(bodies.subList(first, bodies.size())).as("answers of %s from its first new one", instance)
                        .containsOnly(after);
            }
        });
    }

    Reply firstAnswer(Dashcache instance) {
        return answers.get(instance).get(0);
    }

    /** The first answer in which {@code instance} showed {@code wanted}. */
    Reply firstAnswerWith(Dashcache instance, String wanted) {
        return answers.get(instance).stream().filter(reply -> reply.text().equals(wanted)).findFirst().orElseThrow();
    }

    private boolean readAll(String wanted) {
        for (Dashcache instance : instances) {
            Reply reply = Api.get(instance, read);
            long at = System.nanoTime();
            answers.get(instance).add(reply);
            if (reply.text().equals(wanted)) {
                firstWantedAt.putIfAbsent(instance, at);
            }
        }
        return firstWantedAt.size() == instances.size();
    }
}
