package io.dashcache.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Large, realistic dashboard JSON for tests and measurements of large values: the recent-detections
 * list a dashboard shows (many similar rows of id, label, camera, time and confidence), grown to a size.
 */
public final class DashboardJson {

    private static final String[] LABELS = {"person", "car", "bicycle", "dog", "truck"};

    private DashboardJson() {
    }

    /** A JSON object of just under {@code bytes} bytes (UTF-8), the same for the same size. */
    public static byte[] ofAbout(int bytes) {
        StringBuilder json = new StringBuilder("{\"userId\":\"u-42\",\"recentDetections\":[");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; json.length() < bytes - 200; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"det-").append(100_000 + i)
                    .append("\",\"label\":\"").append(LABELS[random.nextInt(LABELS.length)])
                    .append("\",\"camera\":\"cam-").append(1 + random.nextInt(48))
                    .append("\",\"at\":\"2026-11-25T10:").append(10 + random.nextInt(50)).append(':')
                    .append(10 + random.nextInt(50)).append("Z\",\"confidence\":0.")
                    .append(100 + random.nextInt(900)).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
