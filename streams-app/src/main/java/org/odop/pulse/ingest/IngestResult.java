package org.odop.pulse.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.odop.pulse.deadletter.DeadLetterReason;

/**
 * What happened to a body or file: how many records were accepted, how many lines were rejected, and the first
 * {@link #LISTED_AT_MOST} rejected lines with their reasons (the rest are counted in {@code rejectedNotListed}, so
 * the answer stays small whatever the body).
 *
 * @param rejectedByReason every rejected line counted by its reason code, for programs (not in the JSON answer)
 */
@JsonPropertyOrder({"accepted", "rejectedCount", "rejected", "rejectedNotListed"})
public record IngestResult(long accepted, long rejectedCount, List<Rejection> rejected, long rejectedNotListed,
                           @JsonIgnore Map<DeadLetterReason, Long> rejectedByReason) {
    public static final int LISTED_AT_MOST = 1000;

    /** A result whose every rejection is listed. */
    public IngestResult(long accepted, List<Rejection> rejected) {
        this(accepted, rejected.size(), rejected, 0, byReason(rejected));
    }

    /** @param code the dead-letter reason, for programs; the answer users read is {@code reason} */
    public record Rejection(int line, String reason, @JsonIgnore DeadLetterReason code) {}

    private static Map<DeadLetterReason, Long> byReason(List<Rejection> rejected) {
        Map<DeadLetterReason, Long> m = new java.util.EnumMap<>(DeadLetterReason.class);
        for (Rejection r : rejected) m.merge(r.code(), 1L, Long::sum);
        return m;
    }
}
