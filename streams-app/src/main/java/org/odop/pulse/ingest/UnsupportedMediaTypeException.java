package org.odop.pulse.ingest;

/** The body's Content-Type is absent, malformed or not one ingest reads: answered with 415. */
public class UnsupportedMediaTypeException extends RuntimeException {
    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
