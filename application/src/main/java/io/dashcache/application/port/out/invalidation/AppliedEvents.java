package io.dashcache.application.port.out.invalidation;

/** The memory of which engine events were applied already, so a redelivery changes nothing. */
public interface AppliedEvents {

    boolean isApplied(String eventId);

    void markApplied(String eventId);
}
