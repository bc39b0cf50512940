package io.dashcache.spring.boot;

/** A {@code dashcache.*} property the client or the cache manager refused; start-up fails with its name. */
public final class InvalidDashcacheProperty extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;

    InvalidDashcacheProperty(String property, String reason, Throwable cause) {
        super(property + ": " + reason, cause);
        this.property = property;
    }

    /** The property's full name, as in {@code application.properties}. */
    public String property() {
        return property;
    }

    /** Runs one setter of a builder; what it refuses becomes this exception, naming {@code property}. */
    static void check(String property, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidDashcacheProperty(property, e.getMessage(), e);
        }
    }
}
