package org.odop.pulse.domain;

/**
 * One measure of the catalogue ({@link MeasureCatalog}): everything every layer needs to know about it.
 *
 * @param name          its name in every answer: the REST field, the CSV column, the spreadsheet header
 * @param unit          how it is kept (a whole number, or paise) and shown (a count, or rupees)
 * @param family        the event family whose store keeps it ({@code loi}, {@code shipment}, {@code order})
 * @param storeField    the field of the store row (the Avro {@code Measures} record) that keeps it
 * @param rankingMetric the name of the ranking by it ({@code metric=...}), or null when it is not ranked
 * @param gauge         the Prometheus gauge exporting it (Micrometer dotted name), or null when it has none
 * @param help          one line saying what it counts, for gauges and documentation
 */
public record Measure(String name, Unit unit, String family, String storeField, String rankingMetric, String gauge,
                      String help) {

    /** How a measure is kept and shown. */
    public enum Unit {
        /** A whole number of things (LOIs, shipments, orders), shown as it is. */
        COUNT,
        /** Money kept in paise, shown in rupees with two decimals. */
        INR,
        /** Money kept in US cents, shown in dollars with two decimals. */
        USD;

        /** Kept in hundredths and shown with two decimals. */
        public boolean isMoney() {
            return this != COUNT;
        }
    }
}
