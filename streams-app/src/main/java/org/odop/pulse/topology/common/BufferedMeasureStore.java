package org.odop.pulse.topology.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.odop.pulse.avro.internal.Measures;

/**
 * A measure store that keeps the rows changed since the last commit as objects, in front of Kafka Streams' own
 * (cached, changelogged, RocksDB) store. An event changes up to two dozen rows, and the same few rows (a district's
 * total for all time, its fiscal year, its month) with nearly every event: through Kafka Streams' record cache each
 * change was an Avro decode, an encode and a sorted-map lookup of the serialized key. Here a row is decoded once
 * when first read after a commit and encoded once when the commit writes it, with the same result in the changelog.
 *
 * <p>Kafka Streams calls {@link #flushCache()} on every store of a task before it flushes the producer and commits
 * the transaction, so the changed rows reach the record cache, the changelog and RocksDB inside the transaction
 * whose input offsets they belong to; {@link #close()} and {@link #clearCache()} (a task closed without a commit,
 * its transaction aborted) drop them. Only the task's stream thread reads or writes the buffer; interactive queries
 * ({@link #query}) read the store beneath, up to one commit interval behind the buffer.
 *
 * <p>{@link #get} returns a copy: a caller that changes a row and then fails (an overflow refusing the event) leaves
 * the store as it was. A row given to {@link #put} belongs to the store.
 */
final class BufferedMeasureStore extends WrappedStateStore<KeyValueStore<String, Measures>, String, Measures>
        implements KeyValueStore<String, Measures> {
    /**
     * Rows buffered before they are written early, between commits: a bound on the buffer's memory (about 200 bytes a
     * row, and one buffer per measure store per task: some 36 on one instance with six partitions, so about 15 MB at
     * most). A 100 ms commit at a few thousand events/s changes far fewer distinct rows of one store.
     */
    static final int MAX_BUFFERED_ROWS = 2_000;
    private static final int FIELDS = Measures.getClassSchema().getFields().size();

    private final Map<String, Measures> changed = new HashMap<>();

    BufferedMeasureStore(KeyValueStore<String, Measures> store) {
        super(store);
    }

    @Override
    public Measures get(String key) {
        Measures row = changed.get(key);
        return row != null ? copy(row) : wrapped().get(key);
    }

    @Override
    public void put(String key, Measures value) {
        if (value == null) {
            delete(key);
            return;
        }
        changed.put(key, value);
        if (changed.size() > MAX_BUFFERED_ROWS) writeBack();
    }

    @Override
    public Measures putIfAbsent(String key, Measures value) {
        Measures current = get(key);
        if (current == null) put(key, value);
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, Measures>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public Measures delete(String key) {
        Measures buffered = changed.remove(key);
        Measures stored = wrapped().delete(key);
        return buffered != null ? buffered : stored;
    }

    @Override
    public KeyValueIterator<String, Measures> range(String from, String to) {
        writeBack();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, Measures> reverseRange(String from, String to) {
        writeBack();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, Measures> all() {
        writeBack();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, Measures> reverseAll() {
        writeBack();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, Measures> prefixScan(P prefix, PS prefixKeySerializer) {
        writeBack();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Before Kafka Streams flushes the producer for a commit: the changed rows go into this transaction. */
    @Override
    public void flushCache() {
        writeBack();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeBack(); // empty after flushCache; never leave a row behind
        super.commit(changelogOffsets);
    }

    @Override
    public void clearCache() {
        changed.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        changed.clear();
        super.close();
    }

    /** Rows changed and not yet written to the store beneath: for tests. */
    int buffered() {
        return changed.size();
    }

    private void writeBack() {
        if (changed.isEmpty()) return;
        changed.forEach(wrapped()::put);
        changed.clear();
    }

    private static Measures copy(Measures row) {
        Measures copy = new Measures();
        for (int i = 0; i < FIELDS; i++) copy.put(i, row.get(i));
        return copy;
    }
}
