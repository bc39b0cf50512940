package io.dashcache.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up fails with the property and the reason, not a stack of bean creation errors. */
final class InvalidDashcachePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDashcacheProperty> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDashcacheProperty cause) {
        return new FailureAnalysis("dashcache could not start: " + cause.getMessage(),
                "Correct '" + cause.property() + "' in the application's configuration.", cause);
    }
}
