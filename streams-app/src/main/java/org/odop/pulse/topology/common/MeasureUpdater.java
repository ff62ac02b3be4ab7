package org.odop.pulse.topology.common;

import org.odop.pulse.domain.Periods;
import org.odop.pulse.domain.MeasureKeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.internal.Measures;

/**
 * Applies one event's change to every row it counts in (the district total and the district-and-product row,
 * and rows of other dimensions such as destinations and HS codes) for every period it is in: to all of those
 * rows or to none. Every change is computed first (with exact arithmetic, so a sum that would leave the range
 * of a long throws {@link ArithmeticException}) and only then written, so an event whose change would overflow
 * any row is refused whole and every row stays as it was.
 */
public final class MeasureUpdater {
    private MeasureUpdater() {}

    /** A row of one dimension: {@code member} is a product, {@link MeasureKeys#TOTAL}, a destination or an HS code. */
    public record Row(KeyValueStore<String, Measures> store, String district, String member) {}

    /** The rows an event of a district and product counts in, in its family's measure store. */
    public static List<Row> productRows(KeyValueStore<String, Measures> store, String district, String product) {
        return List.of(new Row(store, district, MeasureKeys.TOTAL), new Row(store, district, product));
    }

    public static void apply(KeyValueStore<String, Measures> store, String district, String product, Instant at,
                             Consumer<Measures> change) {
        apply(productRows(store, district, product), at, change);
    }

    public static void apply(List<Row> rows, Instant at, Consumer<Measures> change) {
        apply(rows, at, (row, m) -> change.accept(m));
    }

    /** As {@link #apply(List, Instant, Consumer)}, with a change that depends on the row. */
    public static void apply(List<Row> rows, Instant at, BiConsumer<Row, Measures> change) {
        Map<KeyValueStore<String, Measures>, Map<String, Measures>> updated = new LinkedHashMap<>();
        for (String period : Periods.of(at)) {
            for (Row row : rows) {
                String key = MeasureKeys.of(row.district(), period, row.member());
                // A row read from a store is the store's copy only once put back: changing it before is safe.
                Measures m = row.store().get(key);
                if (m == null) m = new Measures();
                change.accept(row, m);
                updated.computeIfAbsent(row.store(), s -> new LinkedHashMap<>()).put(key, m);
            }
        }
        updated.forEach((store, byKey) -> byKey.forEach(store::put));
    }
}
