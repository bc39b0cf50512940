package io.dashcache.application.concurrency;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory of the project: daemon threads named {@code <name>-1}, {@code <name>-2} ...,
 * so a background pool never keeps the JVM alive and a thread dump says whose each thread is.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** One daemon thread named exactly {@code name}, not started. */
    public static Thread thread(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> thread(name + "-" + count.incrementAndGet(), runnable);
    }
}
