package io.dashcache.application.port.in.metrics;

import io.dashcache.domain.AlertKind;
import io.dashcache.domain.DataType;
import java.time.Instant;
import java.util.Objects;

/**
 * An active alert: what is wrong, since when, and what to do about it, in plain words.
 *
 * @param kind           what it is about
 * @param severity       how urgent
 * @param type           the data type it concerns; {@code null} for all reads together or a dependency
 * @param dependency     the dependency it concerns ({@code redis}, {@code engine}); {@code null} otherwise
 * @param since          when it was first raised (it stays raised while every evaluation finds it)
 * @param message        what was measured, against which threshold
 * @param recommendation what an operator can do
 */
public record CacheAlert(AlertKind kind, AlertKind.Severity severity, DataType type, String dependency,
                         Instant since, String message, String recommendation) {

    public CacheAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recommendation, "recommendation");
    }

    /** Identifies the same alert across evaluations: its kind and what it concerns. */
    public String key() {
        String subject = type != null ? type.segment() : dependency != null ? dependency : "all";
        return kind.name() + "/" + subject;
    }
}
