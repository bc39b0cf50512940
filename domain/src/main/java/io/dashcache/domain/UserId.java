package io.dashcache.domain;

/** A dashboard user, as the engine names them. Validated on construction. */
public record UserId(String value) {

    public UserId {
        Identifier.require("userId", value);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
