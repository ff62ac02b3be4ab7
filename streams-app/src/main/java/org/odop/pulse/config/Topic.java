package org.odop.pulse.config;

import org.apache.avro.specific.SpecificRecord;

/** A topic's name and the Avro type of its values; keys are always String codes. */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Kind kind) {
    /** EVENT: input events keyed by district; REFERENCE: compacted reference data; OUTPUT: what the pipeline writes. */
    public enum Kind { EVENT, REFERENCE, OUTPUT }

    public String valueSubject() {
        return name + "-value";
    }
}
