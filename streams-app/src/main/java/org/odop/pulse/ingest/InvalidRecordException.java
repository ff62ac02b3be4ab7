package org.odop.pulse.ingest;

import org.odop.pulse.deadletter.DeadLetterReason;

/**
 * A record a user sent that cannot be accepted; the message is what the user is told. It carries no stack
 * trace: it is an answer, not a fault, and a body of millions of bad lines makes millions of them.
 */
public class InvalidRecordException extends RuntimeException {
    private final DeadLetterReason reason;

    public InvalidRecordException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
