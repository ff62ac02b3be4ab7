package org.odop.pulse.runtime.embedded;

/** Thrown when the embedded broker cannot be formatted, started or made ready, or topics cannot be ensured. */
public class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
