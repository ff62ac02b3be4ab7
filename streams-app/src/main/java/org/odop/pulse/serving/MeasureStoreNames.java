package org.odop.pulse.serving;

import java.util.List;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/** The measure stores of all event families, which views merge. */
public final class MeasureStoreNames {
    public static final List<String> ALL = List.of(LoiTopology.STORE, ShipmentTopology.MEASURES_STORE, EcommerceTopology.STORE);

    private MeasureStoreNames() {}
}
