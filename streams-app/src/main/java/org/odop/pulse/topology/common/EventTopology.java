package org.odop.pulse.topology.common;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.odop.pulse.avro.internal.Measures;

/**
 * The shape every event family's topology shares: the family's checked, deduplicated events in, its
 * own processing out. Each family's {@code build} only declares processing, so it is tested with
 * TopologyTestDriver.
 */
public abstract class EventTopology<V> {
    protected final EventFamily<V> family;
    protected final Serde<Measures> measuresSerde;
    private final EventPipeline.Settings pipeline;

    protected EventTopology(EventFamily<V> family, Serde<Measures> measuresSerde, EventPipeline.Settings pipeline) {
        this.family = family;
        this.measuresSerde = measuresSerde;
        this.pipeline = pipeline;
    }

    /** The first delivery of every valid event of this family whose district and product are known. */
    protected KStream<String, V> validEvents(StreamsBuilder builder) {
        return EventPipeline.validEvents(builder, family, pipeline);
    }
}
