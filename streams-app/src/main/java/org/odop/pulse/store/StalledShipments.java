package org.odop.pulse.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.topology.common.TimeIndex;

/**
 * The stalled shipments of one partition, read from its stalled index (a {@link TimeIndex} of the stalled open
 * shipments, by stage and since when) with each one looked up in the open-shipments store: the work grows with
 * the shipments that are stalled, not with every open one. While the index is still being built from the open
 * store (the first minutes after an upgrade from a version without it) the open store is read whole instead,
 * so no stalled shipment is left out meanwhile.
 */
public final class StalledShipments {
    private StalledShipments() {}

    /**
     * @param index    the partition's stalled-index entries (keys; values are empty)
     * @param openById the partition's open shipment of an id, or null
     * @param openAll  every open shipment of the partition: read (and closed) only while the index is not built
     * @return the stalled shipments, longest stalled first within each stage (or in key order while the index is built)
     */
    public static List<OpenShipment> read(Iterator<KeyValue<String, String>> index, Function<String, OpenShipment> openById,
                                          Supplier<KeyValueIterator<String, OpenShipment>> openAll) {
        boolean built = false;
        List<TimeIndex.Entry> entries = new ArrayList<>();
        while (index.hasNext()) {
            String key = index.next().key;
            if (TimeIndex.isBuiltMark(key)) built = true;
            TimeIndex.parse(key).ifPresent(entries::add);
        }
        List<OpenShipment> stalled = new ArrayList<>();
        if (!built) {
            try (KeyValueIterator<String, OpenShipment> all = openAll.get()) {
                all.forEachRemaining(kv -> {
                    if (kv.value.getStalled()) stalled.add(kv.value);
                });
            }
            return stalled;
        }
        for (TimeIndex.Entry e : entries) {
            // The two stores are read one after the other: a shipment that moved on in between is left out.
            OpenShipment s = openById.apply(e.id());
            if (s != null && s.getStalled()) stalled.add(s);
        }
        return stalled;
    }
}
