package org.odop.pulse.domain;

/**
 * A measure derived as the ratio of two others, computed from their exact values wherever it is shown
 * (never from rounded figures). Ratios are ranked but do not add up over districts.
 *
 * @param name          its name in answers and as a ranking metric
 * @param numerator     the measure above the line
 * @param denominator   the measure below the line; where it is zero, the ratio is undefined
 */
public record Ratio(String name, Measure numerator, Measure denominator) {}
