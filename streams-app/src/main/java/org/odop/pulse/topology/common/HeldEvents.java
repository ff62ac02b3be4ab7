package org.odop.pulse.topology.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.odop.pulse.avro.internal.HeldEvent;

/**
 * The events of one family and partition held for reference data, indexed so that no punctuation scans
 * them all: the held store is keyed {@code reason|code|id}, so the events waiting for one code are one
 * prefix; the index store keeps, per code waited for, how many wait ({@code code|reason|code}), and a
 * {@link TimeIndex} (group {@code held}) of when each event was first held, so the events whose wait has run
 * out are one range. The cutoff ({@code now - wait}) is computed when reading, so a changed
 * {@code --unknown-code-wait} applies to events held before the change too.
 */
public final class HeldEvents {
    private static final String SEP = "|";
    private static final String CODE = "code" + SEP;
    /** Prefix of the index entries that count, per code, the events waiting for it. */
    public static final String CODE_PREFIX = CODE;
    /** The {@link TimeIndex} group of the held events, by when they were first held. */
    private static final String HELD_AT = "held";

    private final KeyValueStore<String, HeldEvent> held;
    private final KeyValueStore<String, String> index;
    private final TimeIndex byHeldAt;

    public HeldEvents(KeyValueStore<String, HeldEvent> held, KeyValueStore<String, String> index) {
        this.held = held;
        this.index = index;
        this.byHeldAt = new TimeIndex(index);
    }

    public static String heldStore(String family) {
        return family + "-held";
    }

    public static String indexStore(String family) {
        return family + "-held-index";
    }

    public static List<StoreBuilder<?>> storeBuilders(String family, Serde<HeldEvent> serde) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(heldStore(family)), Serdes.String(), serde),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(indexStore(family)), Serdes.String(),
                        Serdes.String()));
    }

    /** UNKNOWN_DISTRICT or UNKNOWN_PRODUCT, from an index key under {@link #CODE_PREFIX}. */
    public static String reasonOfCodeKey(String key) {
        return key.split("\\|", 3)[1];
    }

    /** A code some held events wait for, and how many. */
    public record Waiting(String reason, String code, long count) {}

    public void hold(HeldEvent e) {
        String key = heldKey(e);
        if (held.get(key) != null) return; // the same record held again (a re-check): nothing changes
        held.put(key, e);
        byHeldAt.put(HELD_AT, e.getHeldAt(), key);
        String codeKey = CODE + e.getReason() + SEP + e.getCode();
        String n = index.get(codeKey);
        index.put(codeKey, Long.toString(n == null ? 1 : Long.parseLong(n) + 1));
    }

    /** Removes a held event and its index entries. */
    public void release(HeldEvent e) {
        String key = heldKey(e);
        held.delete(key);
        byHeldAt.remove(HELD_AT, e.getHeldAt(), key);
        String codeKey = CODE + e.getReason() + SEP + e.getCode();
        String n = index.get(codeKey);
        long left = n == null ? 0 : Long.parseLong(n) - 1;
        if (left > 0) index.put(codeKey, Long.toString(left));
        else index.delete(codeKey);
    }

    /** Every code that held events wait for (few: one entry per code, not per event). */
    public List<Waiting> waiting() {
        List<Waiting> out = new ArrayList<>();
        try (var it = index.prefixScan(CODE, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> {
                String[] parts = kv.key.split("\\|", 3);
                out.add(new Waiting(parts[1], parts[2], Long.parseLong(kv.value)));
            });
        }
        return out;
    }

    /** The events waiting for one code. */
    public List<HeldEvent> waitingFor(String reason, String code) {
        List<HeldEvent> out = new ArrayList<>();
        try (var it = held.prefixScan(reason + SEP + code + SEP, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** The events first held at or before {@code cutoffMs}: a range from the start of the index, nothing more. */
    public List<HeldEvent> heldBy(long cutoffMs) {
        List<HeldEvent> out = new ArrayList<>();
        for (TimeIndex.Entry due : byHeldAt.before(HELD_AT, cutoffMs + 1)) {
            HeldEvent e = held.get(due.id());
            if (e != null) out.add(e);
        }
        return out;
    }

    private static String heldKey(HeldEvent e) {
        return e.getReason() + SEP + e.getCode() + SEP + id(e);
    }

    /** Unique within a task: where the record was read from. */
    private static String id(HeldEvent e) {
        return e.getOriginPartition() + ":" + e.getOriginOffset();
    }
}
