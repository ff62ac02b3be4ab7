package org.odop.pulse.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.store.LocalStores;

/**
 * odop_stalled_shipments{state,district,stage}: this instance's stalled shipments, counted at scrape time from the
 * stalled index (so a scrape reads the stalled shipments, not every open one).
 */
public final class StalledShipmentGauges implements Runnable {
    private final LocalStores stores;
    private final MultiGauge stalled;

    public StalledShipmentGauges(MeterRegistry registry, LocalStores stores) {
        this.stores = stores;
        this.stalled = MultiGauge.builder("odop.stalled.shipments")
                .description("Shipments stalled at a stage longer than its limit").register(registry);
    }

    @Override
    public void run() {
        Map<List<String>, Integer> counts = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        Map<String, String> stateOf = new java.util.HashMap<>();
        for (OpenShipment s : stores.stalledShipments()) {
            String state = stateOf.computeIfAbsent(s.getDistrictCode(),
                    d -> stores.district(d).map(District::getStateCode).orElse("unknown"));
            counts.merge(List.of(state, s.getDistrictCode(), s.getStage()), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(MultiGauge.Row.of(Tags.of("state", k.get(0), "district", k.get(1), "stage", k.get(2)), n)));
        stalled.register(rows, true);
    }
}
