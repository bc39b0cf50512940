package io.dashcache.application.port.messages;

/** What became of one warm task. */
public enum WarmOutcome {
    /** loaded from the engine and stored */
    WARMED,
    /** L1 or L2 already held a value fresh enough: nothing loaded */
    ALREADY_FRESH,
    /** another instance holds the key's load lease: its value lands in L2 without us */
    LOADING_ELSEWHERE,
    /** the engine could not give the value */
    FAILED,
    /** the warm queue was full: the task was never queued */
    DROPPED
}
