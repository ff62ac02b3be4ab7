package org.odop.pulse.demo;

import java.time.Instant;
import org.odop.pulse.ingest.RecordType;

/**
 * One NDJSON line of the demo stream, tagged with the topic it is for.
 *
 * @param arrivesAt when the line would reach odop-pulse; lines come in this order
 */
public record GeneratedLine(RecordType type, String json, Twist twist, Instant arrivesAt) {
    GeneratedLine resentAt(Instant later) {
        return new GeneratedLine(type, json, Twist.DUPLICATE, later);
    }
}
