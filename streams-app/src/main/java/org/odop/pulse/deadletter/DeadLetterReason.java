package org.odop.pulse.deadletter;

/** Why a record was parked on the dead-letter topic; also the {@code reason} label of the metric. */
public enum DeadLetterReason {
    /** The body line is not valid JSON, or the CSV row cannot be read. */
    MALFORMED,
    /** A required field is absent or empty. */
    MISSING_FIELD,
    /** A field has the wrong type, format or value (money, timestamp, enum, code). */
    INVALID_FIELD,
    /** Bytes on a topic that are not an Avro record in the Confluent wire format, or of an unknown schema. */
    NOT_DESERIALIZABLE,
    /** The record key is not the districtCode of the value, so it sits on the wrong partition. */
    KEY_MISMATCH,
    UNKNOWN_DISTRICT,
    UNKNOWN_PRODUCT,
    /**
     * Counting the event would take a running total beyond the exact range (a long of paise, about
     * Rs 9.2 crore crore); the event was applied to no row.
     */
    TOTAL_OUT_OF_RANGE,
    /** The broker refused the record as larger than the topic allows; the dead letter keeps a prefix of it. */
    RECORD_TOO_LARGE,
    /** Processing the record threw (a bug, or a sum that would overflow); parked rather than stopping the thread. */
    PROCESSING_FAILED
}
