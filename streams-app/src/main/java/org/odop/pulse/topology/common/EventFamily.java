package org.odop.pulse.topology.common;

import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the shared event pipeline needs to know about one kind of event: where it comes from, how to
 * read and check it, and which fields name its event, district, product and time.
 *
 * @param name           short name used for processor and store names, e.g. {@code loi}
 * @param eventTimeField the name of the event-time field, for messages
 */
public record EventFamily<V>(
        String name,
        String topic,
        Deserializer<V> deserializer,
        EventCheck<V> check,
        Function<V, String> eventId,
        Function<V, String> district,
        Function<V, String> product,
        String eventTimeField,
        Function<V, Instant> eventTime) {

    public String eventIdStore() {
        return name + "-event-ids";
    }
}
