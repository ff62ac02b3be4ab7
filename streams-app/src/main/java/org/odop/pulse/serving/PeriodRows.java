package org.odop.pulse.serving;

import java.util.Map;
import java.util.TreeMap;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureKeys;

/**
 * Every district's measures for one period, merged across the event families:
 * district code to product code ({@link MeasureKeys#TOTAL} for the district's total) to measures.
 */
public record PeriodRows(String period, Map<String, Map<String, Measures>> byDistrict) {

    public static PeriodRows empty(String period) {
        return new PeriodRows(period, new TreeMap<>());
    }

    /** Adds a row, summing with what is there (another family's fields, or another instance's rows). */
    public void add(String district, String product, Measures m) {
        byDistrict.computeIfAbsent(district, d -> new TreeMap<>())
                .merge(product, m, PeriodRows::merge);
    }

    /**
     * One row from two event families' stores: each family fills only its own fields, so the other's are
     * zero and the exact sums below cannot overflow (a row that came twice would be a bug, and says so).
     */
    private static Measures merge(Measures a, Measures b) {
        return new Measures(Math.addExact(a.getLoiCount(), b.getLoiCount()),
                Math.addExact(a.getLoiValuePaise(), b.getLoiValuePaise()),
                Math.addExact(a.getExportShipments(), b.getExportShipments()),
                Math.addExact(a.getExportValuePaise(), b.getExportValuePaise()),
                Math.addExact(a.getLoiLinkedExportValuePaise(), b.getLoiLinkedExportValuePaise()),
                Math.addExact(a.getEcommerceOrders(), b.getEcommerceOrders()),
                Math.addExact(a.getEcommerceGmvPaise(), b.getEcommerceGmvPaise()));
    }

    public void addAll(PeriodRows other) {
        other.byDistrict.forEach((d, rows) -> rows.forEach((p, m) -> add(d, p, m)));
    }

    public Measures total(String district) {
        Map<String, Measures> rows = byDistrict.get(district);
        Measures m = rows == null ? null : rows.get(MeasureKeys.TOTAL);
        return m == null ? new Measures() : m;
    }
}
