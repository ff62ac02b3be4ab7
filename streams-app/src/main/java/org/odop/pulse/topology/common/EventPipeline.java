package org.odop.pulse.topology.common;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.odop.pulse.avro.internal.HeldEvent;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.domain.EventLimits;

/**
 * The front of every event topology: read the topic as bytes, decode and check each record, park what
 * fails on the dead-letter topic with its reason, and drop repeated deliveries of the same eventId.
 * Reading bytes (not a typed serde) keeps bad bytes from reaching a handler that could only log or stop.
 */
public final class EventPipeline {
    /** The floor: event ids are remembered for at least 30 days. */
    public static final Duration DEFAULT_DEDUP_RETENTION = Duration.ofDays(30);

    /**
     * What every event family's front shares: where failures are counted, how long event ids are
     * remembered, which event times and amounts are accepted, how long unknown codes are waited for.
     */
    public record Settings(DeadLetterCounter deadLetters, Duration dedupRetention, EventLimits limits, HoldPolicy hold,
                           Serde<HeldEvent> heldSerde) {}

    private EventPipeline() {}

    /** The first delivery of every valid event whose district and product are known. */
    public static <V> KStream<String, V> validEvents(StreamsBuilder builder, EventFamily<V> family, Settings settings) {
        String name = family.name();
        HeldEvents.storeBuilders(name, settings.heldSerde()).forEach(builder::addStateStore);
        var branches = builder.stream(family.topic(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-source"))
                .process(() -> new DecodeProcessor<>(family, settings.deadLetters(), settings.limits(), settings.hold()),
                        Named.as(name + "-decode"), HeldEvents.heldStore(name), HeldEvents.indexStore(name))
                .split(Named.as(name + "-"))
                .branch((k, v) -> v.isOk(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get(name + "-invalid")
                .mapValues(Decoded::raw, Named.as(name + "-dead-letter-value"))
                .to(Topics.DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-dead-letter"));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(family.eventIdStore()), Serdes.String(), Serdes.Long()));
        builder.addStateStore(TimeIndex.storeBuilder(DeduplicateProcessor.indexStore(family)));
        return branches.get(name + "-valid")
                .mapValues(Decoded::value, Named.as(name + "-valid-value"))
                .process(() -> new DeduplicateProcessor<>(family, settings.dedupRetention()), Named.as(name + "-deduplicate"),
                        family.eventIdStore(), DeduplicateProcessor.indexStore(family));
    }
}
