package org.odop.pulse.topology.common;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.internal.HeldEvent;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.registry.SchemaRegistryUnavailableException;
import org.odop.pulse.topology.reference.ReferenceDataTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes raw bytes into an event, checks it (fields, money and event time within {@link EventLimits}), and
 * checks that the reference data knows its district and product. A failure is not an exception that could
 * stop the stream thread: the record goes on marked failed, with the dead-letter headers (reason, detail,
 * and the topic, partition and offset it came from) already set, and is counted.
 *
 * <p>An event whose district or product is not known yet is held (see {@link HoldPolicy}): re-checked on
 * the wall clock, forwarded as soon as the code is known, parked only once the wait has passed. So views
 * do not depend on whether reference data or the event arrived first.
 */
public final class DecodeProcessor<V> implements Processor<String, byte[], String, Decoded<V>> {
    private static final Logger log = LoggerFactory.getLogger(DecodeProcessor.class);

    private final EventFamily<V> family;
    private final DeadLetterCounter counter;
    private final EventLimits limits;
    private final HoldPolicy hold;
    private ProcessorContext<String, Decoded<V>> context;
    private KeyValueStore<String, ?> districts;
    private KeyValueStore<String, ?> products;
    private HeldEvents held;

    public DecodeProcessor(EventFamily<V> family, DeadLetterCounter counter, EventLimits limits, HoldPolicy hold) {
        this.family = family;
        this.counter = counter;
        this.limits = limits;
        this.hold = hold;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<V>> context) {
        this.context = context;
        // Global stores: every instance has all districts and products, whatever partitions it owns.
        this.districts = context.getStateStore(ReferenceDataTopology.DISTRICTS_STORE);
        this.products = context.getStateStore(ReferenceDataTopology.PRODUCTS_STORE);
        this.held = new HeldEvents(context.getStateStore(HeldEvents.heldStore(family.name())),
                context.getStateStore(HeldEvents.indexStore(family.name())));
        context.schedule(hold.recheckEvery(), PunctuationType.WALL_CLOCK_TIME, this::recheckHeld);
    }

    private record Outcome<V>(V value, Violation violation) {}

    @Override
    public void process(Record<String, byte[]> record) {
        Outcome<V> outcome = decode(record.key(), record.headers(), record.value());
        if (outcome.violation() == null) {
            context.forward(record.withValue(Decoded.ok(outcome.value())));
            return;
        }
        Violation v = outcome.violation();
        var meta = context.recordMetadata();
        if (hold.holds() && isUnknownCode(v) && meta.isPresent()) {
            long now = context.currentSystemTimeMs();
            HeldEvent e = new HeldEvent(record.key(), ByteBuffer.wrap(record.value()), record.timestamp(), now,
                    meta.get().topic(), meta.get().partition(),
                    meta.get().offset(), v.reason().name(), waitedFor(outcome.value(), v), v.detail());
            held.hold(e);
            log.info("Held {} event from {}-{}@{}: {}; re-checked every {}, parked after {}", family.name(),
                    e.getOriginTopic(), e.getOriginPartition(), e.getOriginOffset(), v.detail(), hold.recheckEvery(),
                    hold.maxWait());
            return;
        }
        DeadLetters.annotate(record.headers(), family.topic(), v.reason(), v.detail());
        meta.ifPresent(m -> DeadLetters.origin(record.headers(), m.topic(), m.partition(), m.offset()));
        counter.increment(family.topic(), v.reason());
        context.forward(record.withValue(Decoded.failed(record.value())));
    }

    /** Forwards held events whose code is now known, and parks those whose wait has run out. */
    private void recheckHeld(long now) {
        for (HeldEvents.Waiting w : held.waiting()) {
            if (!known(w.reason(), w.code())) continue;
            for (HeldEvent e : held.waitingFor(w.reason(), w.code())) {
                held.release(e);
                byte[] raw = bytes(e.getRaw());
                Outcome<V> outcome = decode(e.getKey(), new RecordHeaders(), raw);
                if (outcome.violation() == null) {
                    context.forward(new Record<>(e.getKey(), Decoded.ok(outcome.value()), e.getRecordTimestamp()));
                } else if (isUnknownCode(outcome.violation())) {
                    // Its district is known now, its product not yet (or the other way round): wait on, same deadline.
                    e.setReason(outcome.violation().reason().name());
                    e.setCode(waitedFor(outcome.value(), outcome.violation()));
                    e.setDetail(outcome.violation().detail());
                    held.hold(e);
                } else {
                    park(e, outcome.violation());
                }
            }
        }
        for (HeldEvent e : held.heldBy(now - hold.maxWait().toMillis())) {
            held.release(e);
            park(e, new Violation(DeadLetterReason.valueOf(e.getReason()), e.getDetail() + "; held from "
                    + Instant.ofEpochMilli(e.getHeldAt()) + " for " + hold.maxWait() + " without the code arriving"));
        }
    }

    private void park(HeldEvent e, Violation v) {
        Headers headers = new RecordHeaders();
        DeadLetters.annotate(headers, family.topic(), v.reason(), v.detail());
        DeadLetters.origin(headers, e.getOriginTopic(), e.getOriginPartition(), e.getOriginOffset());
        counter.increment(family.topic(), v.reason());
        byte[] raw = bytes(e.getRaw());
        context.forward(new Record<>(e.getKey(), Decoded.failed(raw), e.getRecordTimestamp(), headers));
    }

    private Outcome<V> decode(String key, Headers headers, byte[] raw) {
        if (raw == null) {
            return new Outcome<>(null, new Violation(DeadLetterReason.NOT_DESERIALIZABLE, "record has no value (null)"));
        }
        try {
            V value = family.deserializer().deserialize(family.topic(), headers, raw);
            Optional<Violation> violation = family.check().check(key, value)
                    .or(() -> EventChecks.time(limits, family.eventTimeField(), family.eventTime().apply(value),
                            context.currentSystemTimeMs()))
                    .or(() -> unknownCode(value));
            return new Outcome<>(value, violation.orElse(null));
        } catch (SchemaRegistryUnavailableException e) {
            throw e; // nothing is known about the record yet: it is processed again, not parked (DeadLetterHandler)
        } catch (RuntimeException e) {
            return new Outcome<>(null, new Violation(DeadLetterReason.NOT_DESERIALIZABLE, String.valueOf(e.getMessage())));
        }
    }

    private Optional<Violation> unknownCode(V value) {
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
    }

    private boolean known(String reason, String code) {
        return DeadLetterReason.UNKNOWN_DISTRICT.name().equals(reason) ? districts.get(code) != null
                : products.get(code) != null;
    }

    private String waitedFor(V value, Violation v) {
        return v.reason() == DeadLetterReason.UNKNOWN_DISTRICT ? family.district().apply(value) : family.product().apply(value);
    }

    private static boolean isUnknownCode(Violation v) {
        return v.reason() == DeadLetterReason.UNKNOWN_DISTRICT || v.reason() == DeadLetterReason.UNKNOWN_PRODUCT;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
