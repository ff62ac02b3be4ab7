package org.odop.pulse.serving;

import org.odop.pulse.domain.Dimension;

/**
 * Where views get measure rows: this instance's stores when it is alone, or the instances that own
 * each district when several share the work.
 */
public interface MeasuresSource {
    /** The rows of one district (every member of the dimension) for one period. */
    PeriodRows district(Dimension dimension, String districtCode, String period);

    /** Every district's rows of the dimension for one period. */
    PeriodRows period(Dimension dimension, String period);

    /** The rows of one district by product, with its total. */
    default PeriodRows district(String districtCode, String period) {
        return district(Dimension.PRODUCT, districtCode, period);
    }

    /** Every district's rows by product, with their totals. */
    default PeriodRows period(String period) {
        return period(Dimension.PRODUCT, period);
    }
}
