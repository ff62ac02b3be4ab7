package org.odop.pulse.serving;

/**
 * Where views get measure rows: this instance's stores when it is alone, or the instances that own
 * each district when several share the work.
 */
public interface MeasuresSource {
    /** The rows of one district (all its products and its total) for one period. */
    PeriodRows district(String districtCode, String period);

    /** Every district's rows for one period. */
    PeriodRows period(String period);
}
