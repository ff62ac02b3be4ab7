package org.odop.pulse.topology.loi;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.common.EventChecks;
import org.odop.pulse.topology.common.EventDecoding;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.Violation;

/** Letters of intent: count and value per district, and per district and product, for every period. */
public final class LoiTopology {
    public static final String STORE = "loi-measures";

    private final Deserializer<LoiSigned> deserializer;
    private final Serde<Measures> measuresSerde;
    private final DeadLetterCounter deadLetters;

    public LoiTopology(Deserializer<LoiSigned> deserializer, Serde<Measures> measuresSerde, DeadLetterCounter deadLetters) {
        this.deserializer = deserializer;
        this.measuresSerde = measuresSerde;
        this.deadLetters = deadLetters;
    }

    public void build(StreamsBuilder builder) {
        KStream<String, LoiSigned> lois = EventDecoding.decode(
                builder, Topics.LOIS.name(), "loi", deserializer, LoiTopology::check, deadLetters);
        builder.addStateStore(MeasureStores.builder(STORE, measuresSerde));
        lois.process(() -> new LoiAggregator(STORE), Named.as("loi-aggregate"), STORE);
    }

    static Optional<Violation> check(String key, LoiSigned loi) {
        return EventChecks.first(
                () -> EventChecks.required("eventId", loi.getEventId()),
                () -> EventChecks.required("loiId", loi.getLoiId()),
                () -> EventChecks.codesAndKey(key, loi.getDistrictCode(), loi.getProductCode()),
                () -> EventChecks.notNegative("valuePaise", loi.getValuePaise()));
    }
}
