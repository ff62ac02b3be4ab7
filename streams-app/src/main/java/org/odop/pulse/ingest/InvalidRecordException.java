package org.odop.pulse.ingest;

import org.odop.pulse.deadletter.DeadLetterReason;

/** A record a user sent that cannot be accepted; the message is what the user is told. */
public class InvalidRecordException extends RuntimeException {
    private final DeadLetterReason reason;

    public InvalidRecordException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
