package org.odop.pulse.topology.common;

import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;

/**
 * Decodes raw bytes into an event and checks it. A failure is not an exception that could stop the
 * stream thread: the record goes on marked failed, with the dead-letter headers (reason, detail, and
 * the topic, partition and offset it came from) already set, and is counted.
 */
public final class DecodeProcessor<V> implements FixedKeyProcessor<String, byte[], Decoded<V>> {
    private final String topic;
    private final Deserializer<V> deserializer;
    private final EventCheck<V> check;
    private final DeadLetterCounter counter;
    private FixedKeyProcessorContext<String, Decoded<V>> context;

    public DecodeProcessor(String topic, Deserializer<V> deserializer, EventCheck<V> check, DeadLetterCounter counter) {
        this.topic = topic;
        this.deserializer = deserializer;
        this.check = check;
        this.counter = counter;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Optional<Violation> violation;
        V value = null;
        if (record.value() == null) {
            violation = Optional.of(new Violation(DeadLetterReason.NOT_DESERIALIZABLE, "record has no value (null)"));
        } else {
            try {
                value = deserializer.deserialize(topic, record.headers(), record.value());
                violation = check.check(record.key(), value);
            } catch (RuntimeException e) {
                violation = Optional.of(new Violation(DeadLetterReason.NOT_DESERIALIZABLE, String.valueOf(e.getMessage())));
            }
        }
        if (violation.isEmpty()) {
            context.forward(record.withValue(Decoded.ok(value)));
            return;
        }
        DeadLetters.annotate(record.headers(), topic, violation.get().reason(), violation.get().detail());
        context.recordMetadata().ifPresent(m -> {
            DeadLetters.put(record.headers(), DeadLetters.HEADER_TOPIC, m.topic());
            DeadLetters.put(record.headers(), DeadLetters.HEADER_PARTITION, Integer.toString(m.partition()));
            DeadLetters.put(record.headers(), DeadLetters.HEADER_OFFSET, Long.toString(m.offset()));
        });
        counter.increment(topic, violation.get().reason());
        context.forward(record.withValue(Decoded.failed(record.value())));
    }
}
