package org.odop.pulse.topology.common;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;

/**
 * Reads an event topic as bytes and splits it: good events continue, everything else goes to the
 * dead-letter topic with its reason. Reading bytes (not a typed serde) keeps bad bytes from ever
 * reaching a deserialization handler that could only log or stop.
 */
public final class EventDecoding {
    private EventDecoding() {}

    public static <V> KStream<String, V> decode(
            StreamsBuilder builder, String topic, String name, Deserializer<V> deserializer,
            EventCheck<V> check, DeadLetterCounter counter) {
        KStream<String, byte[]> raw = builder.stream(topic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-source"));
        var branches = raw
                .processValues(() -> new DecodeProcessor<>(topic, deserializer, check, counter), Named.as(name + "-decode"))
                .split(Named.as(name + "-"))
                .branch((k, v) -> v.isOk(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get(name + "-invalid")
                .mapValues(Decoded::raw, Named.as(name + "-dead-letter-value"))
                .to(Topics.DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-dead-letter"));
        return branches.get(name + "-valid").mapValues(Decoded::value, Named.as(name + "-valid-value"));
    }
}
