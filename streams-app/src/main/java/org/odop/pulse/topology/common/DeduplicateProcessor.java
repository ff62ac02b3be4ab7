package org.odop.pulse.topology.common;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets the first delivery of each eventId through and drops later ones (a retrying producer, a file
 * imported twice). Ids are kept for at least {@code retention} after they were first seen, on the wall
 * clock: event times can be years old, so they cannot say when an id may be forgotten. A delivery after
 * its id was forgotten counts again; that is what the retention means.
 *
 * <p>The ids live in a window store keyed by id, each at the wall-clock time it was first seen, with the
 * retention as the store's: RocksDB drops whole segments once they are older than the retention, and the
 * changelog is compacted and deleted by time as well. Nothing is scanned or purged record by record, and each
 * new id is one write and one changelog record (as michelin/kstreamplify's deduplication does).
 */
public final class DeduplicateProcessor<V> implements Processor<String, V, String, V> {
    private final EventFamily<V> family;
    private final Duration retention;
    private ProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;

    public DeduplicateProcessor(EventFamily<V> family, Duration retention) {
        this.family = family;
        this.retention = retention;
    }

    /** The store of ids first seen within the retention, by when they were first seen. */
    public static StoreBuilder<WindowStore<String, Long>> storeBuilder(EventFamily<?> family, Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(family.eventIdStore(), retention, retention, false),
                Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(family.eventIdStore());
    }

    @Override
    public void process(Record<String, V> record) {
        String eventId = family.eventId().apply(record.value());
        long now = context.currentSystemTimeMs();
        // Seen at most {@code retention} ago (inclusive): a repeat. Older sightings may still be in a segment not yet
        // dropped, and are ignored, so an id is forgotten exactly when its retention has passed.
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, now - retention.toMillis(), now)) {
            if (earlier.hasNext()) return;
        }
        seen.put(eventId, now, now);
        context.forward(record);
    }
}
