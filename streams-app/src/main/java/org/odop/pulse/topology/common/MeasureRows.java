package org.odop.pulse.topology.common;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureValues;

/**
 * The store row of the measure stores (the Avro {@code Measures} record) read and written by the catalogue's
 * measures: each measure names its field, so no layer spells the fields out. Checked once at class load:
 * every measure's field exists and is a long, and every field of the row is a measure of the catalogue.
 */
public final class MeasureRows {
    private static final Map<Measure, Integer> POSITION = positions();

    private MeasureRows() {}

    public static long get(Measures row, Measure m) {
        return (Long) row.get(POSITION.get(m));
    }

    /** Adds {@code delta} exactly: a sum beyond the range of a long throws {@link ArithmeticException}. */
    public static void add(Measures row, Measure m, long delta) {
        row.put(POSITION.get(m), Math.addExact(get(row, m), delta));
    }

    /** Every measure of the row. */
    public static MeasureValues values(Measures row) {
        Map<Measure, Long> v = new HashMap<>();
        for (Measure m : MeasureCatalog.ALL) v.put(m, get(row, m));
        return MeasureValues.of(v);
    }

    /** The measures one family's store keeps, by name: what one instance sends another. */
    public static Map<String, Long> byName(Measures row, List<Measure> measures) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (Measure m : measures) v.put(m.name(), get(row, m));
        return v;
    }

    /** The inverse of {@link #byName}: names not in the catalogue are refused. */
    public static MeasureValues fromNames(Map<String, Long> byName) {
        Map<Measure, Long> v = new HashMap<>();
        byName.forEach((name, n) -> v.put(MeasureCatalog.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown measure '" + name + "'")), n));
        return MeasureValues.of(v);
    }

    private static Map<Measure, Integer> positions() {
        Schema schema = Measures.getClassSchema();
        Map<Measure, Integer> pos = new HashMap<>();
        for (Measure m : MeasureCatalog.ALL) {
            Schema.Field f = schema.getField(m.storeField());
            if (f == null || f.schema().getType() != Schema.Type.LONG) {
                throw new IllegalStateException("measure " + m.name() + ": Measures.avsc has no long field '" + m.storeField() + "'");
            }
            pos.put(m, f.pos());
        }
        for (Schema.Field f : schema.getFields()) {
            if (!pos.containsValue(f.pos())) {
                throw new IllegalStateException("Measures.avsc field '" + f.name() + "' is no measure of MeasureCatalog");
            }
        }
        return pos;
    }
}
