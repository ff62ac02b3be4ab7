package org.odop.pulse.topology.common;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.deadletter.DeadLetterCounter;

/**
 * The shape every event family's topology shares: the family's checked, deduplicated events in, its
 * own processing out. {@link #build(StreamsBuilder)} only declares processing, so it is tested with
 * TopologyTestDriver.
 */
public abstract class EventTopology<V> {
    protected final EventFamily<V> family;
    protected final Serde<Measures> measuresSerde;
    private final DeadLetterCounter deadLetters;
    private final Duration dedupRetention;

    protected EventTopology(EventFamily<V> family, Serde<Measures> measuresSerde, DeadLetterCounter deadLetters,
                            Duration dedupRetention) {
        this.family = family;
        this.measuresSerde = measuresSerde;
        this.deadLetters = deadLetters;
        this.dedupRetention = dedupRetention;
    }

    public abstract void build(StreamsBuilder builder);

    /** The first delivery of every valid event of this family whose district and product are known. */
    protected KStream<String, V> validEvents(StreamsBuilder builder) {
        return EventPipeline.validEvents(builder, family, deadLetters, dedupRetention);
    }
}
