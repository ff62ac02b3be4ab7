package org.odop.pulse.topology.common;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets the first delivery of each eventId through and drops later ones (a retrying producer, a file
 * imported twice). Ids are kept for at least {@code retention} after they were first seen, on the wall
 * clock: event times can be years old, so they cannot say when an id may be forgotten. A delivery after
 * its id was forgotten counts again; that is what the retention means.
 *
 * <p>The ids are also in a {@link TimeIndex} by first-seen time, so the hourly purge reads only the ids
 * due to be forgotten, not the whole store, inside its exactly-once transaction.
 */
public final class DeduplicateProcessor<V> implements Processor<String, V, String, V> {
    static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final String NO_GROUP = "";

    private final EventFamily<V> family;
    private final Duration retention;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, Long> seen;
    private TimeIndex bySeen;

    public DeduplicateProcessor(EventFamily<V> family, Duration retention) {
        this.family = family;
        this.retention = retention;
    }

    /** The store of the ids' index, beside {@link EventFamily#eventIdStore()}. */
    public static String indexStore(EventFamily<?> family) {
        return TimeIndex.storeName(family.eventIdStore());
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(family.eventIdStore());
        this.bySeen = new TimeIndex(context.getStateStore(indexStore(family)));
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::purge);
        // Ids stored before the index existed (an upgrade) are indexed in slices soon after start-up; until
        // then they are kept, not purged: longer than the retention, which is a minimum.
        bySeen.buildInSlices(context, seen, (id, firstSeen) -> bySeen.put(NO_GROUP, firstSeen, id));
    }

    @Override
    public void process(Record<String, V> record) {
        String eventId = family.eventId().apply(record.value());
        if (seen.get(eventId) != null) return;
        long now = context.currentSystemTimeMs();
        seen.put(eventId, now);
        bySeen.put(NO_GROUP, now, eventId);
        context.forward(record);
    }

    private void purge(long now) {
        long cutoff = now - retention.toMillis();
        for (TimeIndex.Entry e : bySeen.before(NO_GROUP, cutoff)) {
            bySeen.remove(e);
            Long firstSeen = seen.get(e.id());
            if (firstSeen != null && firstSeen < cutoff) seen.delete(e.id());
        }
    }
}
