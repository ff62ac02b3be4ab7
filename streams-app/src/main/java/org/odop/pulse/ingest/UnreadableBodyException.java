package org.odop.pulse.ingest;

/** The body as a whole cannot be read (empty CSV, wrong media type, not UTF-8): answered with 400. */
public class UnreadableBodyException extends RuntimeException {
    public UnreadableBodyException(String message) {
        super(message);
    }
}
