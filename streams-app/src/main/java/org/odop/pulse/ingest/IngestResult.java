package org.odop.pulse.ingest;

import java.util.List;

/** What happened to a body or file: how many records were accepted, and each rejected line with its reason. */
public record IngestResult(long accepted, List<Rejection> rejected) {
    public record Rejection(int line, String reason) {}
}
