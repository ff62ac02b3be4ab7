package org.odop.pulse.ingest;

/** Kafka did not take the records: nothing the user did wrong, answered with 503. */
public class IngestFailedException extends RuntimeException {
    public IngestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
