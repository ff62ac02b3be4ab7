package org.odop.pulse.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The registry could not be asked (no answer, or a server error) even after the client's retries. Unlike a
 * {@link org.apache.kafka.common.errors.SerializationException} this says nothing about the record: a serde throws
 * it so that the record is retried later, never parked on the dead-letter topic as if it were bad input.
 */
public final class SchemaRegistryUnavailableException extends RetriableException {
    public SchemaRegistryUnavailableException(String message, SchemaRegistryException cause) {
        super(message, cause);
    }

    /** Whether {@code e} or one of its causes is this exception. */
    public static boolean isCauseOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
