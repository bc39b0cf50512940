package io.dashcache.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Every garbage collection of this JVM with its duration, so a report can say how many pauses fell
 * into a measured slice and how long the longest was: on two shared cores a young collection is one
 * of the things a p99 is made of.
 */
final class GcWatch {

    /** One collection: which, and how long it took in milliseconds. */
    record Collection(String name, long durationMillis) {
    }

    private static final List<Collection> COLLECTIONS = new CopyOnWriteArrayList<>();

    static {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData());
                        COLLECTIONS.add(new Collection(info.getGcName(), info.getGcInfo().getDuration()));
                    }
                }, null, null);
            }
        }
    }

    private GcWatch() {
    }

    /** A mark to take before a slice; {@link #since} gives the collections after it. */
    static int mark() {
        return COLLECTIONS.size();
    }

    static List<Collection> since(int mark) {
        return List.copyOf(COLLECTIONS.subList(Math.min(mark, COLLECTIONS.size()), COLLECTIONS.size()));
    }
}
