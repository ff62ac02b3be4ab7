package org.odop.pulse.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odop.pulse.config.Topics;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/** The measure stores of all event families, which views merge, and the topic each is partitioned like. */
public final class MeasureStoreNames {
    public static final List<String> ALL = List.of(LoiTopology.STORE, ShipmentTopology.MEASURES_STORE, EcommerceTopology.STORE);

    public static final Map<String, String> SOURCE_TOPIC = sourceTopics();

    /** The event family (of the measure catalogue) whose measures each store keeps. */
    public static final Map<String, String> FAMILY = Map.of(LoiTopology.STORE, LoiTopology.FAMILY,
            ShipmentTopology.MEASURES_STORE, ShipmentTopology.FAMILY, EcommerceTopology.STORE, EcommerceTopology.FAMILY);

    private MeasureStoreNames() {}

    private static Map<String, String> sourceTopics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(LoiTopology.STORE, Topics.LOIS.name());
        m.put(ShipmentTopology.MEASURES_STORE, Topics.SHIPMENTS.name());
        m.put(EcommerceTopology.STORE, Topics.ORDERS.name());
        return m;
    }
}
