package io.dashcache.bootstrap;

/** A configuration value that cannot be used; its message is the one line printed at start-up. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
