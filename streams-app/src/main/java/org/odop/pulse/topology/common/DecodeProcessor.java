package org.odop.pulse.topology.common;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Decodes raw bytes into an event, checks it, and checks that the reference data knows its district and
 * product. A failure is not an exception that could stop the stream thread: the record goes on marked
 * failed, with the dead-letter headers (reason, detail, and the topic, partition and offset it came
 * from) already set, and is counted.
 */
public final class DecodeProcessor<V> implements FixedKeyProcessor<String, byte[], Decoded<V>> {
    private final EventFamily<V> family;
    private final DeadLetterCounter counter;
    private FixedKeyProcessorContext<String, Decoded<V>> context;
    private KeyValueStore<String, ?> districts;
    private KeyValueStore<String, ?> products;

    public DecodeProcessor(EventFamily<V> family, DeadLetterCounter counter) {
        this.family = family;
        this.counter = counter;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<V>> context) {
        this.context = context;
        // Global stores: every instance has all districts and products, whatever partitions it owns.
        this.districts = context.getStateStore(ReferenceDataTopology.DISTRICTS_STORE);
        this.products = context.getStateStore(ReferenceDataTopology.PRODUCTS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Optional<Violation> violation;
        V value = null;
        if (record.value() == null) {
            violation = Optional.of(new Violation(DeadLetterReason.NOT_DESERIALIZABLE, "record has no value (null)"));
        } else {
            try {
                value = family.deserializer().deserialize(family.topic(), record.headers(), record.value());
                violation = family.check().check(record.key(), value).or(known(value));
            } catch (RuntimeException e) {
                violation = Optional.of(new Violation(DeadLetterReason.NOT_DESERIALIZABLE, String.valueOf(e.getMessage())));
            }
        }
        if (violation.isEmpty()) {
            context.forward(record.withValue(Decoded.ok(value)));
            return;
        }
        DeadLetters.annotate(record.headers(), family.topic(), violation.get().reason(), violation.get().detail());
        context.recordMetadata().ifPresent(m -> DeadLetters.origin(record.headers(), m.topic(), m.partition(), m.offset()));
        counter.increment(family.topic(), violation.get().reason());
        context.forward(record.withValue(Decoded.failed(record.value())));
    }

    private java.util.function.Supplier<Optional<Violation>> known(V value) {
        return () -> {
            String district = family.district().apply(value);
            if (districts.get(district) == null) {
                return Optional.of(new Violation(DeadLetterReason.UNKNOWN_DISTRICT,
                        "district '" + district + "' is not in the reference data (" + Topics.DISTRICTS.name() + ")"));
            }
            String product = family.product().apply(value);
            if (products.get(product) == null) {
                return Optional.of(new Violation(DeadLetterReason.UNKNOWN_PRODUCT,
                        "product '" + product + "' is not in the reference data (" + Topics.PRODUCTS.name() + ")"));
            }
            return Optional.empty();
        };
    }
}
