package org.odop.pulse.topology.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets the first delivery of each eventId through and drops later ones (a retrying producer, a file
 * imported twice). Ids are kept for at least {@code retention} after they were first seen, on the wall
 * clock: event times can be years old, so they cannot say when an id may be forgotten.
 */
public final class DeduplicateProcessor<V> implements Processor<String, V, String, V> {
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final EventFamily<V> family;
    private final Duration retention;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, Long> seen;

    public DeduplicateProcessor(EventFamily<V> family, Duration retention) {
        this.family = family;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(family.eventIdStore());
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, V> record) {
        String eventId = family.eventId().apply(record.value());
        if (seen.get(eventId) != null) return;
        seen.put(eventId, context.currentSystemTimeMs());
        context.forward(record);
    }

    private void purge(long now) {
        long cutoff = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (var it = seen.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value < cutoff) expired.add(kv.key);
            });
        }
        expired.forEach(seen::delete);
    }
}
