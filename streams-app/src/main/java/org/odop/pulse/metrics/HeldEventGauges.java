package org.odop.pulse.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.topology.common.HeldEvents;

/**
 * odop_events_held{family,reason}: events this instance holds because the reference data does not know
 * their district or product yet (they count once the code arrives, or are parked after the wait). Read
 * from the per-code counts of the hold index, never from the held events themselves.
 */
public final class HeldEventGauges implements Runnable {
    private final LocalStores stores;
    private final List<String> families;
    private final MultiGauge held;

    public HeldEventGauges(MeterRegistry registry, LocalStores stores, List<String> families) {
        this.stores = stores;
        this.families = families;
        this.held = MultiGauge.builder("odop.events.held")
                .description("Events waiting for reference data that does not know their district or product yet")
                .register(registry);
    }

    @Override
    public void run() {
        Map<String, Long> counts = new TreeMap<>();
        for (String family : families) {
            stores.<String>forEach(HeldEvents.indexStore(family), HeldEvents.CODE_PREFIX, (key, n) ->
                    counts.merge(family + "|" + HeldEvents.reasonOfCodeKey(key), Long.parseLong(n), Long::sum));
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((k, n) -> {
            String[] parts = k.split("\\|", 2);
            rows.add(MultiGauge.Row.of(Tags.of("family", parts[0], "reason", parts[1]), n));
        });
        held.register(rows, true);
    }
}
