package io.dashcache.application.port.messages;

/** Whose data a {@link DashboardChange} is about, by the name it has on the wire. */
public enum ChangeScope {
    /** the watching user's own data of one type */
    USER("user"),
    /** data of one type that every dashboard shows (analytics, system status ...) */
    GLOBAL("global"),
    /** anything may have changed: re-read everything */
    RELOAD("reload");

    private final String wireName;

    ChangeScope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
