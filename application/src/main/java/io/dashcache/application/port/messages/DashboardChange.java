package io.dashcache.application.port.messages;

import io.dashcache.domain.DataType;
import java.util.Objects;

/**
 * One part of a user's dashboard went stale: the client re-reads that part (or, for
 * {@link ChangeScope#RELOAD}, everything).
 *
 * @param id      the change's place in this instance's feed ({@code <feed>-<sequence>}); a client
 *                that reconnects sends the last one it saw back, to learn what it missed
 * @param scope   the user's own data, data every dashboard shows, or "reload everything"
 * @param type    what to re-read; {@code null} exactly for {@link ChangeScope#RELOAD}
 * @param eventId the engine event that caused it, when one did; else {@code null}
 */
public record DashboardChange(String id, ChangeScope scope, DataType type, String eventId) {

    /** What a {@link ChangeScope#RELOAD} names as its type. */
    public static final String EVERYTHING = "*";

    public DashboardChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        if ((type == null) != (scope == ChangeScope.RELOAD)) {
            throw new IllegalArgumentException("a change names a type unless it is a reload, got " + scope + " " + type);
        }
    }

    public static DashboardChange reload(String id) {
        return new DashboardChange(id, ChangeScope.RELOAD, null, null);
    }

    /** The type's key segment ({@code overview}), or {@value #EVERYTHING} for a reload. */
    public String typeName() {
        return type == null ? EVERYTHING : type.segment();
    }
}
