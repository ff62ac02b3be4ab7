package org.odop.pulse.serving;

import java.math.BigDecimal;
import java.util.Collection;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.topology.common.Money;

/** The measures as users read them: counts, and money in rupees exact to the paisa. */
public record MeasuresView(
        long loiCount, BigDecimal loiValueInr,
        long exportShipments, BigDecimal exportValueInr, BigDecimal loiLinkedExportValueInr,
        long ecommerceOrders, BigDecimal ecommerceGmvInr) {

    public static final MeasuresView ZERO = of(new Measures());

    public static MeasuresView of(Measures m) {
        return new MeasuresView(m.getLoiCount(), Money.paiseToRupees(m.getLoiValuePaise()),
                m.getExportShipments(), Money.paiseToRupees(m.getExportValuePaise()),
                Money.paiseToRupees(m.getLoiLinkedExportValuePaise()),
                m.getEcommerceOrders(), Money.paiseToRupees(m.getEcommerceGmvPaise()));
    }

    /** Field-by-field sum; each family's store fills only its own fields, so rows merge by adding. */
    public static Measures sum(Collection<Measures> rows) {
        Measures t = new Measures();
        for (Measures m : rows) {
            t.setLoiCount(t.getLoiCount() + m.getLoiCount());
            t.setLoiValuePaise(Math.addExact(t.getLoiValuePaise(), m.getLoiValuePaise()));
            t.setExportShipments(t.getExportShipments() + m.getExportShipments());
            t.setExportValuePaise(Math.addExact(t.getExportValuePaise(), m.getExportValuePaise()));
            t.setLoiLinkedExportValuePaise(Math.addExact(t.getLoiLinkedExportValuePaise(), m.getLoiLinkedExportValuePaise()));
            t.setEcommerceOrders(t.getEcommerceOrders() + m.getEcommerceOrders());
            t.setEcommerceGmvPaise(Math.addExact(t.getEcommerceGmvPaise(), m.getEcommerceGmvPaise()));
        }
        return t;
    }
}
