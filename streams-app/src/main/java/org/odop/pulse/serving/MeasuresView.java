package org.odop.pulse.serving;

import java.math.BigDecimal;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.topology.common.Money;

/** The measures as users read them: counts, and money in rupees exact to the paisa. */
public record MeasuresView(long loiCount, BigDecimal loiValueInr) {
    public static final MeasuresView ZERO = of(new Measures());

    public static MeasuresView of(Measures m) {
        return new MeasuresView(m.getLoiCount(), Money.paiseToRupees(m.getLoiValuePaise()));
    }
}
