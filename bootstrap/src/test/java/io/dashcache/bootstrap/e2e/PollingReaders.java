package io.dashcache.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashcache.bootstrap.Dashcache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thread per instance reading each of {@code reads} every 25 ms or so, as a dashboard that polls, and
 * remembering every answer's data version: what the failover tests check for reads that went back.
 */
final class PollingReaders {

    private static final Pattern VERSION = Pattern.compile("\"version\":\"v([0-9]+)\"");

    /** One answer: which read on which instance, the version it showed, its {@code X-Cache}, when ({@link System#nanoTime()}). */
    record Read(String user, String name, int port, int version, String cache, long at) {

        String who() {
            return port + " " + name + " of " + user;
        }
    }

    private final List<Dashcache> instances;
    private final List<ApiRead> reads;
    private final String threadName;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Read> seen = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    PollingReaders(List<Dashcache> instances, List<ApiRead> reads, String threadName) {
        this.instances = instances;
        this.reads = reads;
        this.threadName = threadName;
    }

    void start() {
        for (Dashcache instance : instances) {
            Thread thread = new Thread(() -> readUntilStopped(instance), threadName + "-" + instance.port());
            thread.start();
            threads.add(thread);
        }
    }

    private void readUntilStopped(Dashcache instance) {
        while (running.get()) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            }
            for (ApiRead read : reads) {
                Reply reply;
                try {
                    reply = Api.get(instance, read);
                } catch (RuntimeException e) { // no answer within the client's 5 s
                    failures.add(read.name() + " on " + instance.port() + ": " + e);
                    continue;
                }
                if (reply.status() != 200) {
                    failures.add(read.name() + " on " + instance.port() + ": " + reply.status() + " " + reply.text());
                    continue;
                }
                Matcher matcher = VERSION.matcher(reply.text());
                if (!matcher.find()) {
                    failures.add(read.name() + " on " + instance.port() + ": unexpected body " + reply.text());
                    continue;
                }
                seen.add(new Read(read.user(), read.name(), instance.port(), Integer.parseInt(matcher.group(1)),
                        reply.cache(), System.nanoTime()));
            }
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    List<String> failures() {
        return failures;
    }

    int count() {
        return seen.size();
    }

    /** The reads of {@code user} answered between {@code from} and {@code until} ({@link System#nanoTime()}). */
    List<Read> of(String user, long from, long until) {
        return seen.stream().filter(read -> read.user().equals(user) && read.at() > from && read.at() < until)
                .toList();
    }

    /** Answers that showed an older version than an earlier answer to the same read on the same instance. */
    int backwardReads() {
        int back = 0;
        for (List<Integer> versions : versionsByRead().values()) {
            int newest = 0;
            for (int version : versions) {
                if (version < newest) {
                    back++;
                }
                newest = Math.max(newest, version);
            }
        }
        return back;
    }

    void assertNoInstanceWentBack() {
        assertThat(backwardReads()).as("reads that showed older data than an earlier read on the same instance")
                .isZero();
        versionsByRead().forEach((who, versions) -> {
            for (int i = 1; i < versions.size(); i++) {
                assertThat(versions.get(i)).as("%s: answer %d of %s went back from v%d", who, i, versions.size(),
                        versions.get(i - 1)).isGreaterThanOrEqualTo(versions.get(i - 1));
            }
        });
    }

    /** Each read on each instance, its versions in the order answered (one thread per instance writes them). */
    private Map<String, List<Integer>> versionsByRead() {
        Map<String, List<Integer>> byRead = new LinkedHashMap<>();
        for (Read read : seen) {
            byRead.computeIfAbsent(read.who(), who -> new ArrayList<>()).add(read.version());
        }
        return byRead;
    }
}
