package org.odop.pulse.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odop.pulse.config.Topics;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/**
 * The measure stores of all event families, which views merge: the family whose measures each keeps, the
 * dimension its rows break a district down by, and the topic it is partitioned like.
 */
public final class MeasureStoreNames {
    private record Store(String name, String family, Dimension dimension, String topic) {}

    private static final List<Store> STORES = List.of(
            new Store(LoiTopology.STORE, LoiTopology.FAMILY, Dimension.PRODUCT, Topics.LOIS.name()),
            new Store(ShipmentTopology.MEASURES_STORE, ShipmentTopology.FAMILY, Dimension.PRODUCT, Topics.SHIPMENTS.name()),
            new Store(EcommerceTopology.STORE, EcommerceTopology.FAMILY, Dimension.PRODUCT, Topics.ORDERS.name()),
            new Store(ShipmentTopology.DESTINATIONS_STORE, ShipmentTopology.FAMILY, Dimension.DESTINATION, Topics.SHIPMENTS.name()),
            new Store(LoiTopology.HS_STORE, LoiTopology.FAMILY, Dimension.HS, Topics.LOIS.name()),
            new Store(ShipmentTopology.HS_STORE, ShipmentTopology.FAMILY, Dimension.HS, Topics.SHIPMENTS.name()));

    /** Every measure store. */
    public static final List<String> ALL = STORES.stream().map(Store::name).toList();

    /** The topic each store is built from, and so partitioned like. */
    public static final Map<String, String> SOURCE_TOPIC = map(Store::topic);

    /** The event family (of the measure catalogue) whose measures each store keeps. */
    public static final Map<String, String> FAMILY = map(Store::family);

    private MeasureStoreNames() {}

    /** The stores whose rows break districts down by {@code d}. */
    public static List<String> of(Dimension d) {
        return STORES.stream().filter(s -> s.dimension() == d).map(Store::name).toList();
    }

    private static Map<String, String> map(java.util.function.Function<Store, String> f) {
        Map<String, String> m = new LinkedHashMap<>();
        STORES.forEach(s -> m.put(s.name(), f.apply(s)));
        return java.util.Collections.unmodifiableMap(m);
    }
}
