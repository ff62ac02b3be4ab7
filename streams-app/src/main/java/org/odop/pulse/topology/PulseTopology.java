package org.odop.pulse.topology;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/** The whole application's topology: reference data plus one topology per event family. */
public final class PulseTopology {
    private PulseTopology() {}

    public static Topology build(PulseSerdes serdes, DeadLetterCounter deadLetters) {
        StreamsBuilder builder = new StreamsBuilder();
        new ReferenceDataTopology(serdes.value(Topics.DISTRICTS), serdes.value(Topics.PRODUCTS)).build(builder);
        new LoiTopology(serdes.value(Topics.LOIS).deserializer(), serdes.value(Measures.class), deadLetters)
                .build(builder);
        return builder.build();
    }
}
