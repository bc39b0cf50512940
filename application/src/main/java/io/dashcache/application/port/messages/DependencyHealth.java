package io.dashcache.application.port.messages;

/** How one dependency (Redis, the engine) is doing. */
public record DependencyHealth(String name, State state, String detail) {

    public enum State {
        UP,
        DEGRADED
    }

    public static DependencyHealth up(String name, String detail) {
        return new DependencyHealth(name, State.UP, detail);
    }

    public static DependencyHealth degraded(String name, String detail) {
        return new DependencyHealth(name, State.DEGRADED, detail);
    }
}
