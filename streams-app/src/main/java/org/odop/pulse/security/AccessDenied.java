package org.odop.pulse.security;

import java.util.Map;

/** A request refused before its handler ran: the status, the headers to send and a message for the caller. */
public final class AccessDenied extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    AccessDenied(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
