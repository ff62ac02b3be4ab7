package org.odop.pulse.domain;

/**
 * What a district's measure rows are broken down by (the member of {@link MeasureKeys}): its products (and its
 * total), its exports' destination countries (by product), or the ITC(HS) codes of its LOIs and exports.
 */
public enum Dimension {
    PRODUCT,
    DESTINATION,
    HS
}
