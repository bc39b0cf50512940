package io.dashcache.benchmarks;

import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.bootstrap.demo.DemoEngine;
import io.dashcache.domain.CacheEntry;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.KeyFormat;
import io.dashcache.domain.TtlPolicy;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cached keys of a scale run, numbered from 0: key {@code i} is one of user {@code s<i / 8>}'s
 * eight keys (overview, preferences, recent activity, notifications, and the widgets heatmap,
 * camera-grid, timeline and alerts), so a million keys are 125,000 users' dashboards. Its value is
 * what the embedded {@link DemoEngine} answers for that type for a user with 8 cameras and 3
 * detections, the user id swapped in: 175 to 400 bytes of JSON, 332 on average.
 *
 * <pre>{@code
 * ScaleKeys keys = new ScaleKeys(KeyFormat.standalone(prefix));
 * CacheKey key = keys.key(41);                    // widget_data:user:s5:camera-grid
 * CacheEntry entry = keys.entry(41, now);         // the same entry for the same (i, now), every time
 * }</pre>
 *
 * Entries are built as the read path builds them after a load ({@link CacheEntry#loaded} with the
 * contract's TTL, its jitter and grace, scope version 0), from a random seeded by the index, so a
 * sample can be rebuilt and compared with what Redis holds.
 */
final class ScaleKeys {

    static final int KEYS_PER_USER = 8;
    private static final String TEMPLATE_USER = "u123456"; // 8 cameras in the demo engine's seeded state
    private static final List<Slot> SLOTS = List.of(
            new Slot(DataType.OVERVIEW, null, "/overview"),
            new Slot(DataType.USER_PREFERENCES, null, "/preferences"),
            new Slot(DataType.RECENT_ACTIVITY, null, "/recent-activity"),
            new Slot(DataType.NOTIFICATIONS, null, "/notifications"),
            new Slot(DataType.WIDGET_DATA, WidgetType.of("heatmap"), "/widgets/heatmap"),
            new Slot(DataType.WIDGET_DATA, WidgetType.of("camera-grid"), "/widgets/camera-grid"),
            new Slot(DataType.WIDGET_DATA, WidgetType.of("timeline"), "/widgets/timeline"),
            new Slot(DataType.WIDGET_DATA, WidgetType.of("alerts"), "/widgets/alerts"));

    private final KeyFormat format;
    private final TtlPolicy ttls = TtlPolicy.defaults();
    private final byte[][] heads = new byte[KEYS_PER_USER][];
    private final byte[][] tails = new byte[KEYS_PER_USER][];

    ScaleKeys(KeyFormat format) {
        this.format = format;
        DemoEngine engine = new DemoEngine(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        UserId template = UserId.of(TEMPLATE_USER);
        SplittableRandom random = new SplittableRandom(42);
        for (int detection = 0; detection < 3; detection++) {
            engine.recordDetection(template, random);
        }
        for (int slot = 0; slot < KEYS_PER_USER; slot++) {
            String json = new String(((SourceAnswer.Found) engine.fetch(key(SLOTS.get(slot), template))).json(),
                    StandardCharsets.UTF_8);
            String marker = "\"userId\":\"" + TEMPLATE_USER + "\"";
            int at = json.indexOf(marker);
            if (at < 0 || json.indexOf(marker, at + 1) >= 0) {
                throw new IllegalStateException("the demo engine's " + SLOTS.get(slot).type().segment()
                        + " no longer names its user once: " + json);
            }
            heads[slot] = json.substring(0, at + "\"userId\":\"".length()).getBytes(StandardCharsets.UTF_8);
            tails[slot] = json.substring(at + marker.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The slot (0 to 7) of key {@code index} within its user's eight. */
    static int slot(int index) {
        return index % KEYS_PER_USER;
    }

    /** What slot {@code slot} holds: {@code overview}, ..., {@code widget_data:heatmap}. */
    static String slotName(int slot) {
        Slot it = SLOTS.get(slot);
        return it.widget() == null ? it.type().segment() : it.type().segment() + ":" + it.widget().value();
    }

    CacheKey key(int index) {
        return key(SLOTS.get(slot(index)), UserId.of("s" + index / KEYS_PER_USER));
    }

    byte[] redisKey(int index) {
        return format.valueKey(key(index)).getBytes(StandardCharsets.UTF_8);
    }

    /** The engine's JSON for key {@code index}. */
    byte[] payload(int index) {
        int slot = slot(index);
        byte[] user = ("s" + index / KEYS_PER_USER).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[heads[slot].length + user.length + tails[slot].length];
        System.arraycopy(heads[slot], 0, out, 0, heads[slot].length);
        System.arraycopy(user, 0, out, heads[slot].length, user.length);
        System.arraycopy(tails[slot], 0, out, heads[slot].length + user.length, tails[slot].length);
        return out;
    }

    /** Key {@code index}'s entry as if loaded at {@code now} (whole milliseconds, as L2 keeps them). */
    CacheEntry entry(int index, Instant now) {
        DataType type = SLOTS.get(slot(index)).type();
        SplittableRandom random = new SplittableRandom(0x5CA1EL + index);
        return CacheEntry.loaded(payload(index), now, ttls.logicalTtl(type, random), ttls.grace(type), 0,
                Duration.ofMillis(5 + random.nextInt(36)));
    }

    /** The HTTP read of key {@code index}, as a browser would send it. */
    Call call(int index) {
        return Call.read(key(index), "/api/dashboard" + SLOTS.get(slot(index)).path());
    }

    private static CacheKey key(Slot slot, UserId user) {
        return slot.widget() == null ? CacheKey.forUser(slot.type(), user) : CacheKey.widget(user, slot.widget());
    }

    private record Slot(DataType type, WidgetType widget, String path) {
    }
}
