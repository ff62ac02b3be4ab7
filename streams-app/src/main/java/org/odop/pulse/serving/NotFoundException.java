package org.odop.pulse.serving;

/** A code in a request that the reference data does not know: a 404 naming it. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
