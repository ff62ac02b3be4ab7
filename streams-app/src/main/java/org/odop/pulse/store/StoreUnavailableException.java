package org.odop.pulse.store;

/** The stores cannot answer right now (starting, rebalancing): answered with 503 and Retry-After. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
