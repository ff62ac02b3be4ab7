package org.odop.pulse.domain;

import static org.odop.pulse.domain.Measure.Unit.COUNT;
import static org.odop.pulse.domain.Measure.Unit.INR;
import static org.odop.pulse.domain.Measure.Unit.USD;

import java.util.List;
import java.util.Optional;

/**
 * Every measure odop-pulse keeps, declared once. The store rows, the REST fields and their order, the CSV
 * columns, the ranking metrics and the gauges are all derived from this list. To add a measure: declare it
 * here (and its field in {@code schemas/src/main/avro/Measures.avsc}, with a default of 0), make its family's
 * aggregator add to it, and test both; nothing else changes (see the README, "Adding a measure").
 */
public final class MeasureCatalog {
    public static final String LOI = "loi";
    public static final String SHIPMENT = "shipment";
    public static final String ORDER = "order";

    public static final Measure LOI_COUNT = new Measure("loiCount", COUNT, LOI, "loiCount", null,
            "odop.loi.count", "Letters of intent signed");
    public static final Measure LOI_VALUE = new Measure("loiValueInr", INR, LOI, "loiValuePaise", "loiValue",
            "odop.loi.value.inr", "Value of letters of intent signed, rupees");
    public static final Measure EXPORT_SHIPMENTS = new Measure("exportShipments", COUNT, SHIPMENT, "exportShipments",
            null, "odop.export.shipments", "Shipments exported (customs cleared or later)");
    public static final Measure EXPORT_VALUE = new Measure("exportValueInr", INR, SHIPMENT, "exportValuePaise",
            "exportValue", "odop.export.value.inr", "Value of shipments exported (customs cleared or later), rupees");
    /** Export value in US dollars: see {@link FxRates} for the rule, cell by cell. */
    public static final Measure EXPORT_VALUE_USD = new Measure("exportValueUsd", USD, SHIPMENT, "exportValueUsdCents",
            "exportValueUsd", "odop.export.value.usd",
            "Value of shipments exported, US dollars at the customs rate in force on each export's IST day");
    public static final Measure EXPORT_VALUE_UNCONVERTED = new Measure("exportValueInrUnconverted", INR, SHIPMENT,
            "exportValueInrUnconvertedPaise", null, null,
            "Export value on days with no USD rate in force, left out of exportValueUsd, rupees");
    public static final Measure LOI_LINKED_EXPORT_VALUE = new Measure("loiLinkedExportValueInr", INR, SHIPMENT,
            "loiLinkedExportValuePaise", null, null, "Export value of shipments that carry a loiId, rupees");
    public static final Measure ECOMMERCE_ORDERS = new Measure("ecommerceOrders", COUNT, ORDER, "ecommerceOrders", null,
            "odop.ecommerce.orders", "E-commerce orders net of cancellations and returns");
    public static final Measure ECOMMERCE_GMV = new Measure("ecommerceGmvInr", INR, ORDER, "ecommerceGmvPaise",
            "ecommerceGmv", "odop.ecommerce.gmv.inr",
            "E-commerce gross merchandise value net of cancellations and returns, rupees");

    /** In the order answers show them. */
    public static final List<Measure> ALL = List.of(LOI_COUNT, LOI_VALUE, EXPORT_SHIPMENTS, EXPORT_VALUE,
            EXPORT_VALUE_USD, EXPORT_VALUE_UNCONVERTED, LOI_LINKED_EXPORT_VALUE, ECOMMERCE_ORDERS, ECOMMERCE_GMV);

    /** Export value linked to LOIs over LOI value: how far intent turned into trade. */
    public static final Ratio LOI_CONVERSION = new Ratio("loiConversion", LOI_LINKED_EXPORT_VALUE, LOI_VALUE);

    public static final List<Ratio> RATIOS = List.of(LOI_CONVERSION);

    private static final java.util.Map<Measure, Integer> INDEX = index();

    private MeasureCatalog() {}

    /** The measures one event family keeps. */
    public static List<Measure> of(String family) {
        return ALL.stream().filter(m -> m.family().equals(family)).toList();
    }

    public static Optional<Measure> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The position of a measure in {@link #ALL}. */
    public static int indexOf(Measure m) {
        Integer i = INDEX.get(m);
        if (i == null) throw new IllegalArgumentException("not in the catalogue: " + m);
        return i;
    }

    private static java.util.Map<Measure, Integer> index() {
        java.util.Map<Measure, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < ALL.size(); i++) index.put(ALL.get(i), i);
        return index;
    }
}
