package org.odop.pulse.topology.common;

import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.internal.Measures;

/** Applies one event's change to the district total and the district-and-product row of every period it is in. */
public final class MeasureUpdater {
    private MeasureUpdater() {}

    public static void apply(KeyValueStore<String, Measures> store, String district, String product, Instant at,
                             Consumer<Measures> change) {
        for (String period : Periods.of(at)) {
            update(store, MeasureKeys.total(district, period), change);
            update(store, MeasureKeys.of(district, period, product), change);
        }
    }

    private static void update(KeyValueStore<String, Measures> store, String key, Consumer<Measures> change) {
        Measures m = store.get(key);
        if (m == null) m = new Measures();
        change.accept(m);
        store.put(key, m);
    }
}
