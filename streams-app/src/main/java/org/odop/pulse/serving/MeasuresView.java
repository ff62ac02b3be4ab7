package org.odop.pulse.serving;

import java.math.BigDecimal;
import java.util.Collection;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.Money;

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

    /**
     * The sum of many rows (a state's districts, a ranking's scope). Money is added as BigDecimal, so no
     * number of districts can overflow it; counts are added exactly (each is at most the number of events
     * ever counted, far below the range of a long, and {@link Math#addExact} says so loudly if not).
     */
    public static MeasuresView sum(Collection<Measures> rows) {
        MeasuresView t = ZERO;
        for (Measures m : rows) t = t.plus(of(m));
        return t;
    }

    public MeasuresView plus(MeasuresView o) {
        return new MeasuresView(Math.addExact(loiCount, o.loiCount), loiValueInr.add(o.loiValueInr),
                Math.addExact(exportShipments, o.exportShipments), exportValueInr.add(o.exportValueInr),
                loiLinkedExportValueInr.add(o.loiLinkedExportValueInr),
                Math.addExact(ecommerceOrders, o.ecommerceOrders), ecommerceGmvInr.add(o.ecommerceGmvInr));
    }
}
