package org.odop.pulse.demo;

import org.odop.pulse.deadletter.DeadLetterReason;

/**
 * What is unusual about a generated line, so tests and the simulator's summary can tell the intended
 * duplicates, late events and bad records from the plain ones.
 */
public enum Twist {
    /** An ordinary event. */
    NONE(null),
    /** The exact line of an earlier event (same eventId), re-sent later as a retrying producer would. */
    DUPLICATE(null),
    /** A real event that arrives weeks after its own timestamp. */
    LATE(null),
    /** A shipment stage that arrives after a later stage of the same shipment. */
    OUT_OF_ORDER(null),
    /** A valid event for district JK-NOWHERE, which ingest accepts and the reference data does not know. */
    UNKNOWN_DISTRICT(null),
    /** Money with three decimals, e.g. "12.345". */
    BAD_MONEY(DeadLetterReason.INVALID_FIELD),
    /** Money below zero. */
    NEGATIVE_MONEY(DeadLetterReason.INVALID_FIELD),
    /** A status that is not one of the enum's symbols. */
    UNKNOWN_STATUS(DeadLetterReason.INVALID_FIELD),
    /** A required field left out. */
    MISSING_FIELD(DeadLetterReason.MISSING_FIELD),
    /** A line cut off in the middle, so it is not JSON at all. */
    MALFORMED_JSON(DeadLetterReason.MALFORMED);

    private final DeadLetterReason rejectedAs;

    Twist(DeadLetterReason rejectedAs) {
        this.rejectedAs = rejectedAs;
    }

    /** True for lines that ingest must reject. */
    public boolean invalid() {
        return rejectedAs != null;
    }

    /** The reason ingest gives when it rejects this line; null for lines it accepts. */
    public DeadLetterReason rejectedAs() {
        return rejectedAs;
    }
}
