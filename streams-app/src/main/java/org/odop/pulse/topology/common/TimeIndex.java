package org.odop.pulse.topology.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The ids of another store ordered by a time (when an id was first seen, when a shipment entered its stage),
 * so that "every id whose time is before T" is one range read that touches only those ids, however large
 * the indexed store. A punctuation that forgets or flags what has waited long enough asks for the ids
 * before {@code now - limit}; ids not yet due are never read.
 *
 * <p>Keys are {@code [group/]<time as 19 zero-padded digits>|<id>} and values are empty: the stores compare
 * keys as unsigned bytes, so within a group, key order is time order. A group (a shipment stage, say) lets
 * one store hold ids with different limits, each read with its own cutoff.
 *
 * <p>Why the start time and not the deadline ({@code time + limit}): limits and retentions are settings
 * ({@code --stall-limit}, {@code --dedup-retention}) that may change between two runs. With the start
 * time in the key, the cutoff is computed at read time, so a changed setting applies at once to ids indexed
 * before, and the entry to remove when an id moves on is known from the indexed store's own value.
 *
 * <p>A store added to a running application's topology starts empty while the store it indexes does not
 * (an upgrade from a version without the index). {@link #buildInSlices} fills it from the indexed store once,
 * a slice at a time, then marks it built; the mark is state like the entries, so later starts read one key.
 */
public final class TimeIndex {
    private static final int WIDTH = 19; // digits of Long.MAX_VALUE
    private static final String ZEROS = "0".repeat(WIDTH);
    /** These sort after every entry (groups start with a letter, times with a digit) and are in no range. */
    private static final String BUILT = "~built";
    /** While the index is being built: the last key of the indexed store indexed so far. */
    private static final String BUILT_UP_TO = "~built-up-to";
    /** How often, and how many entries at a time, an index is built from its indexed store. */
    public static final Duration BUILD_EVERY = Duration.ofSeconds(1);
    static final int BUILD_SLICE = 10_000;
    private static final Pattern GROUP = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final KeyValueStore<String, String> store;

    public TimeIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The name of the index of {@code indexedStore}. */
    public static String storeName(String indexedStore) {
        return indexedStore + "-by-time";
    }

    /** A persistent, changelogged store for an index (state like any other: restored, not rebuilt, on restart). */
    public static StoreBuilder<KeyValueStore<String, String>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String());
    }

    /** One indexed id. */
    public record Entry(String group, long time, String id) {}

    public void put(String group, long time, String id) {
        store.put(key(group, time, id), "");
    }

    public void remove(String group, long time, String id) {
        store.delete(key(group, time, id));
    }

    public void remove(Entry e) {
        remove(e.group(), e.time(), e.id());
    }

    /**
     * The entries of {@code group} whose time is before {@code cutoff} (epoch millis), oldest first, read
     * into a list so that the caller may change the store while going through them.
     */
    public List<Entry> before(String group, long cutoff) {
        List<Entry> due = new ArrayList<>();
        if (cutoff <= 0) return due; // times are indexed as at least 0
        String prefix = prefix(group);
        // '}' sorts right after '|': the upper bound is above every id at cutoff - 1 and below cutoff.
        try (var it = store.range(prefix + ZEROS, prefix + pad(cutoff - 1) + "}")) {
            while (it.hasNext()) due.add(entry(group, it.next().key));
        }
        return due;
    }

    /**
     * The entry an index store's key stands for, or empty for the index's own marks (whether it is built): for
     * readers of the store itself, such as an interactive query.
     */
    public static Optional<Entry> parse(String key) {
        if (key.startsWith("~")) return Optional.empty();
        int slash = key.indexOf('/');
        int bar = key.indexOf('|');
        String group = slash >= 0 && slash < bar ? key.substring(0, slash) : "";
        return Optional.of(entry(group, key));
    }

    /** Whether {@code key} is the mark that the index has been built ({@link #isBuilt()}, for readers of the store). */
    public static boolean isBuiltMark(String key) {
        return BUILT.equals(key);
    }

    private static Entry entry(String group, String key) {
        int start = group.isEmpty() ? 0 : group.length() + 1;
        long time = Long.parseLong(key, start, start + WIDTH, 10);
        return new Entry(group, time, key.substring(start + WIDTH + 1));
    }

    /** Whether the index has been built from its indexed store (or has been kept since that store was empty). */
    public boolean isBuilt() {
        return store.get(BUILT) != null;
    }

    /**
     * Unless the index is built already, builds it from {@code indexed} in the background: every
     * {@link #BUILD_EVERY} (wall clock), the next {@link #BUILD_SLICE} entries of {@code indexed} are given to
     * {@code indexOne}, until all have been; then the index is marked built and the punctuation cancelled.
     *
     * <p>Why slices and not one scan at start-up: the writes of a punctuation go into one exactly-once
     * transaction, and a million index entries in one could outlast the transaction timeout, fail, and be
     * retried from the start for ever. Meanwhile the owner keeps the index up to date for every change it
     * makes ({@code indexOne} must be idempotent: it may meet an entry the owner indexed already), and what
     * is not yet indexed is found a little late (a stall flagged, an id forgotten), never wrongly.
     */
    public <V> void buildInSlices(ProcessorContext<?, ?> context, KeyValueStore<String, V> indexed, BiConsumer<String, V> indexOne) {
        if (isBuilt()) return;
        Cancellable[] building = new Cancellable[1];
        building[0] = context.schedule(BUILD_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (buildSlice(indexed, BUILD_SLICE, indexOne)) building[0].cancel();
        });
    }

    /** Indexes the next {@code slice} entries of {@code indexed}; true once all have been and the index is marked built. */
    <V> boolean buildSlice(KeyValueStore<String, V> indexed, int slice, BiConsumer<String, V> indexOne) {
        if (isBuilt()) return true;
        String after = store.get(BUILT_UP_TO);
        String last = null;
        int n = 0;
        boolean more;
        try (var it = indexed.range(after, null)) { // from 'after' on (all when null): the first may be 'after' itself
            while (n < slice && it.hasNext()) {
                var kv = it.next();
                if (kv.key.equals(after)) continue;
                indexOne.accept(kv.key, kv.value);
                last = kv.key;
                n++;
            }
            more = it.hasNext();
        }
        if (more) {
            store.put(BUILT_UP_TO, last);
            return false;
        }
        store.delete(BUILT_UP_TO);
        store.put(BUILT, "");
        return true;
    }

    static String key(String group, long time, String id) {
        return prefix(group) + pad(time) + "|" + id;
    }

    private static String prefix(String group) {
        if (group.isEmpty()) return "";
        if (!GROUP.matcher(group).matches()) throw new IllegalArgumentException("bad index group '" + group + "'");
        return group + "/";
    }

    /** Times before 1970 are indexed as 1970: they are due for any cutoff after it, as they would be anyway. */
    private static String pad(long time) {
        String digits = Long.toString(Math.max(0, time));
        return ZEROS.substring(digits.length()) + digits;
    }
}
