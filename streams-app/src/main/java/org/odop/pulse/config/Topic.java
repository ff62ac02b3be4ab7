package org.odop.pulse.config;

import org.apache.avro.specific.SpecificRecord;

/** A topic's name and the Avro type of its values; keys are always String codes. */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Kind kind) {
    public enum Kind { EVENT, REFERENCE }

    public String valueSubject() {
        return name + "-value";
    }
}
