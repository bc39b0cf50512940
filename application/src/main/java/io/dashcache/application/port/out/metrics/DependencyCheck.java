package io.dashcache.application.port.out.metrics;

import io.dashcache.application.port.messages.DependencyHealth;

/** Reports a dependency's health without blocking for long (cached or bounded by a short timeout). */
@FunctionalInterface
public interface DependencyCheck {

    DependencyHealth check();
}
