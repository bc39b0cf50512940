package io.dashcache.bootstrap.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dashcache.application.port.messages.DependencyHealth;
import io.dashcache.application.port.messages.EngineReply;
import io.dashcache.application.port.out.invalidation.EngineCommands;
import io.dashcache.application.port.out.metrics.DependencyCheck;
import io.dashcache.application.port.out.reading.DashboardSource;
import io.dashcache.application.port.out.reading.SourceAnswer;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Core Detection Engine that lives in the process. Each user gets a stable,
 * seeded base (cameras, counts) plus the detections the live feed adds, so a dashboard changes
 * exactly when an event says it did. Thread-safe.
 */
public final class DemoEngine implements DashboardSource, EngineCommands, DependencyCheck {

    static final List<String> LABELS = List.of("person", "vehicle", "bicycle", "animal", "package", "face");
    private static final int RECENT = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Map<UserId, UserState> users = new ConcurrentHashMap<>();
    private final AtomicLong totalDetections = new AtomicLong(184_220);
    private final AtomicLong detectionSequence = new AtomicLong();
    private final AtomicLong analysisSequence = new AtomicLong();
    private volatile String systemStatus = "operational";
    private volatile long metricsGeneration;

    public DemoEngine(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SourceAnswer fetch(CacheKey key) {
        ObjectNode body = switch (key.type()) {
            case OVERVIEW -> overview(key.user());
            case ANALYTICS -> analytics(key.period());
            case USER_PREFERENCES -> preferences(key.user());
            case SYSTEM_STATUS -> systemStatus();
            case PERFORMANCE_METRICS -> performanceMetrics();
            case RECENT_ACTIVITY -> recentActivity(key.user());
            case NOTIFICATIONS -> notifications(key.user());
            case WIDGET_DATA -> widget(key.user(), key.widget().value());
            case AGGREGATED_ANALYTICS -> aggregatedAnalytics(key.period());
        };
        body.put("source", "demo-engine");
        body.put("generatedAt", clock.instant().toString());
        return SourceAnswer.found(bytes(body));
    }

    @Override
    public EngineReply putPreferences(UserId user, byte[] body) {
        try {
            ObjectNode preferences = (ObjectNode) json.readTree(body);
            state(user).preferences = preferences.deepCopy();
            ObjectNode reply = preferences.deepCopy();
            reply.put("userId", user.value());
            return new EngineReply(200, bytes(reply));
        } catch (IOException | ClassCastException e) {
            return new EngineReply(400, bytes(json.createObjectNode().put("error", "preferences must be a JSON object")));
        }
    }

    @Override
    public EngineReply submitAnalyses(UserId user, byte[] body, boolean batch) {
        UserState state = state(user);
        String id = (batch ? "b-" : "a-") + analysisSequence.incrementAndGet();
        synchronized (state) {
            state.pendingAnalyses++;
        }
        ObjectNode reply = json.createObjectNode().put(batch ? "batchId" : "analysisId", id).put("status", "queued")
                .put("userId", user.value());
        return new EngineReply(202, bytes(reply));
    }

    @Override
    public DependencyHealth check() {
        return DependencyHealth.up("engine", "embedded demo engine (DASHCACHE_ENGINE_URL is unset)");
    }

    /** Adds a detection for a user, as the engine would before announcing it; returns its id. */
    public String recordDetection(UserId user, SplittableRandom random) {
        UserState state = state(user);
        String id = "d-" + detectionSequence.incrementAndGet();
        Detection detection = new Detection(id, LABELS.get(random.nextInt(LABELS.size())),
                "cam-" + (1 + random.nextInt(state.cameras)), clock.instant(), 0.6 + random.nextDouble() * 0.4);
        synchronized (state) {
            state.detections++;
            state.unread++;
            if (state.pendingAnalyses > 0) {
                state.pendingAnalyses--;
            }
            state.recent.addFirst(detection);
            while (state.recent.size() > RECENT) {
                state.recent.removeLast();
            }
        }
        totalDetections.incrementAndGet();
        return id;
    }

    /** Flips the system status between operational and degraded ingest; returns the new one. */
    public String toggleSystemStatus() {
        systemStatus = systemStatus.equals("operational") ? "degraded" : "operational";
        return systemStatus;
    }

    public void refreshPerformanceMetrics() {
        metricsGeneration++;
    }

    private UserState state(UserId user) {
        return users.computeIfAbsent(user, UserState::new);
    }

    private ObjectNode overview(UserId user) {
        UserState state = state(user);
        synchronized (state) {
            ObjectNode body = json.createObjectNode().put("userId", user.value())
                    .put("totalDetections", state.detections).put("activeCameras", state.cameras)
                    .put("unreadNotifications", state.unread).put("pendingAnalyses", state.pendingAnalyses);
            Detection last = state.recent.peekFirst();
            body.put("lastDetectionAt", last == null ? null : last.at().toString());
            return body;
        }
    }

    private ObjectNode recentActivity(UserId user) {
        UserState state = state(user);
        ObjectNode body = json.createObjectNode().put("userId", user.value());
        ArrayNode items = body.putArray("items");
        synchronized (state) {
            for (Detection detection : state.recent) {
                items.addObject().put("detectionId", detection.id()).put("label", detection.label())
                        .put("camera", detection.camera()).put("confidence", round(detection.confidence()))
                        .put("at", detection.at().toString());
            }
        }
        return body;
    }

    private ObjectNode notifications(UserId user) {
        UserState state = state(user);
        ObjectNode body = json.createObjectNode().put("userId", user.value());
        ArrayNode items;
        synchronized (state) {
            body.put("unread", state.unread);
            items = body.putArray("items");
            int shown = 0;
            for (Detection detection : state.recent) {
                if (shown++ == 5) {
                    break;
                }
                items.addObject().put("id", "n-" + detection.id()).put("kind", "detection")
                        .put("message", detection.label() + " seen on " + detection.camera())
                        .put("at", detection.at().toString());
            }
        }
        return body;
    }

    private ObjectNode preferences(UserId user) {
        UserState state = state(user);
        synchronized (state) {
            ObjectNode body = state.preferences == null ? defaultPreferences() : state.preferences.deepCopy();
            body.put("userId", user.value());
            return body;
        }
    }

    private ObjectNode defaultPreferences() {
        ObjectNode body = json.createObjectNode().put("theme", "dark").put("timezone", "UTC").put("refreshSeconds", 30);
        body.putArray("widgets").add("heatmap").add("camera-grid").add("timeline");
        return body;
    }

    private ObjectNode widget(UserId user, String widget) {
        UserState state = state(user);
        SplittableRandom random = new SplittableRandom(user.value().hashCode() * 31L + widget.hashCode());
        ObjectNode body = json.createObjectNode().put("userId", user.value()).put("widget", widget);
        ArrayNode series = body.putArray("series");
        synchronized (state) {
            for (int camera = 1; camera <= state.cameras; camera++) {
                series.addObject().put("camera", "cam-" + camera).put("value", random.nextInt(100) + state.detections % 10);
            }
            body.put("totalDetections", state.detections);
        }
        return body;
    }

    private ObjectNode analytics(Period period) {
        ObjectNode body = json.createObjectNode().put("period", period.code());
        long total = totalDetections.get();
        int buckets = buckets(period);
        SplittableRandom random = new SplittableRandom(period.ordinal() * 7919L + total);
        ArrayNode points = body.putArray("detectionsOverTime");
        Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Duration step = span(period).dividedBy(buckets);
        for (int i = buckets - 1; i >= 0; i--) {
            points.addObject().put("at", end.minus(step.multipliedBy(i)).toString()).put("count", 50 + random.nextInt(400));
        }
        ArrayNode classes = body.putArray("topClasses");
        for (String label : LABELS.subList(0, 4)) {
            classes.addObject().put("label", label).put("count", total / (2 + random.nextInt(20)));
        }
        return body;
    }

    private ObjectNode aggregatedAnalytics(Period period) {
        long total = totalDetections.get();
        ObjectNode body = json.createObjectNode().put("period", period.code());
        body.putObject("totals").put("detections", total / (5 - period.ordinal()))
                .put("videosAnalyzed", total / 37).put("camerasReporting", 48);
        ArrayNode byLabel = body.putArray("byLabel");
        for (int i = 0; i < LABELS.size(); i++) {
            byLabel.addObject().put("label", LABELS.get(i)).put("share", round(1.0 / (i + 2)));
        }
        return body;
    }

    private ObjectNode systemStatus() {
        ObjectNode body = json.createObjectNode().put("status", systemStatus);
        body.putObject("components").put("ingest", systemStatus.equals("operational") ? "up" : "degraded")
                .put("inference", "up").put("storage", "up");
        body.put("queueDepth", systemStatus.equals("operational") ? 3 : 412);
        return body;
    }

    private ObjectNode performanceMetrics() {
        SplittableRandom random = new SplittableRandom(metricsGeneration);
        return json.createObjectNode().put("framesPerSecond", 240 + random.nextInt(60))
                .put("inferenceLatencyMsP95", 38 + random.nextInt(20))
                .put("gpuUtilization", round(0.55 + random.nextDouble() * 0.3))
                .put("videosInQueue", random.nextInt(30));
    }

    private static int buckets(Period period) {
        return switch (period) {
            case LAST_HOUR -> 12;
            case LAST_DAY -> 24;
            case LAST_WEEK -> 7;
            case LAST_MONTH -> 30;
        };
    }

    private static Duration span(Period period) {
        return switch (period) {
            case LAST_HOUR -> Duration.ofHours(1);
            case LAST_DAY -> Duration.ofDays(1);
            case LAST_WEEK -> Duration.ofDays(7);
            case LAST_MONTH -> Duration.ofDays(30);
        };
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private record Detection(String id, String label, String camera, Instant at, double confidence) {
    }

    /** One user's synthetic state; guarded by its own monitor. */
    private static final class UserState {
        final int cameras;
        long detections;
        long unread;
        long pendingAnalyses;
        ObjectNode preferences;
        final Deque<Detection> recent = new ArrayDeque<>();

        UserState(UserId user) {
            SplittableRandom seeded = new SplittableRandom(user.value().hashCode());
            this.cameras = 2 + seeded.nextInt(10);
            this.detections = 100 + seeded.nextInt(5000);
            this.unread = seeded.nextInt(5);
        }
    }
}
