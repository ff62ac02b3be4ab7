package org.odop.pulse.demo;

import org.odop.pulse.avro.ProductCategory;

/**
 * A product of the bundled reference data with the trade figures the demo needs.
 *
 * @param exportPrice rupees per unit in export trade (min, max)
 * @param exportLot   units in one shipment or LOI (min, max)
 * @param retailPrice rupees per item sold online (min, max)
 * @param exportWeight how often it is shipped, relative to the others
 * @param retailWeight how often it is ordered online, relative to the others
 */
record DemoProduct(String code, String hsCode, String districtCode, ProductCategory category, String unit,
                   long[] exportPrice, long[] exportLot, long[] retailPrice, int exportWeight, int retailWeight) {

    String stateCode() {
        return districtCode.substring(0, 2);
    }

    boolean craft() {
        return category == ProductCategory.HANDICRAFT || category == ProductCategory.HANDLOOM;
    }
}
