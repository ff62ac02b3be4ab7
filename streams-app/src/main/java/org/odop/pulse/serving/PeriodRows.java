package org.odop.pulse.serving;

import java.util.Map;
import java.util.TreeMap;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.MeasureValues;

/**
 * Every district's measures for one period, merged across the event families:
 * district code to product code ({@link MeasureKeys#TOTAL} for the district's total) to measures.
 */
public record PeriodRows(String period, Map<String, Map<String, MeasureValues>> byDistrict) {

    public static PeriodRows empty(String period) {
        return new PeriodRows(period, new TreeMap<>());
    }

    /**
     * Adds a row, summing with what is there: another family's measures of the same row (each family fills
     * only its own), or another instance's rows.
     */
    public void add(String district, String product, MeasureValues m) {
        byDistrict.computeIfAbsent(district, d -> new TreeMap<>()).merge(product, m, MeasureValues::plus);
    }

    public void addAll(PeriodRows other) {
        other.byDistrict.forEach((d, rows) -> rows.forEach((p, m) -> add(d, p, m)));
    }

    public MeasureValues total(String district) {
        Map<String, MeasureValues> rows = byDistrict.get(district);
        MeasureValues m = rows == null ? null : rows.get(MeasureKeys.TOTAL);
        return m == null ? MeasureValues.ZERO : m;
    }
}
