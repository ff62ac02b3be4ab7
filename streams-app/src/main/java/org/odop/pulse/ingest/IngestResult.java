package org.odop.pulse.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.odop.pulse.deadletter.DeadLetterReason;

/** What happened to a body or file: how many records were accepted, and each rejected line with its reason. */
public record IngestResult(long accepted, List<Rejection> rejected) {
    /** @param code the dead-letter reason, for programs; the answer users read is {@code reason} */
    public record Rejection(int line, String reason, @JsonIgnore DeadLetterReason code) {}
}
