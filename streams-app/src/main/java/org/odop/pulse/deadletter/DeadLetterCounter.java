package org.odop.pulse.deadletter;

/** Counts records parked on the dead-letter topic; backed by a Micrometer counter in the application. */
@FunctionalInterface
public interface DeadLetterCounter {
    void increment(String source, DeadLetterReason reason);

    DeadLetterCounter NONE = (source, reason) -> {};
}
