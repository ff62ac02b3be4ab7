package org.odop.pulse.topology.common;

import org.odop.pulse.domain.Periods;
import org.odop.pulse.domain.MeasureKeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.internal.Measures;

/**
 * Applies one event's change to the district total and the district-and-product row of every period it
 * is in: to all of those rows or to none. Every change is computed first (with exact arithmetic, so a sum
 * that would leave the range of a long throws {@link ArithmeticException}) and only then written, so an
 * event whose change would overflow any row is refused whole and the rows stay as they were.
 */
public final class MeasureUpdater {
    private MeasureUpdater() {}

    public static void apply(KeyValueStore<String, Measures> store, String district, String product, Instant at,
                             Consumer<Measures> change) {
        Map<String, Measures> updated = new LinkedHashMap<>();
        for (String period : Periods.of(at)) {
            for (String key : new String[] {MeasureKeys.total(district, period), MeasureKeys.of(district, period, product)}) {
                Measures m = store.get(key);
                m = m == null ? new Measures() : Measures.newBuilder(m).build();
                change.accept(m);
                updated.put(key, m);
            }
        }
        updated.forEach(store::put);
    }
}
