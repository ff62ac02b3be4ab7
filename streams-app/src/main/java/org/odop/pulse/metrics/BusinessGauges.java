package org.odop.pulse.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.store.MeasureStoreNames;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/**
 * Business gauges read from this instance's stores at scrape time, one series per state, district,
 * product and period: every period the stores hold (all, each fiscal year, fiscal quarter and IST month with data),
 * so a dashboard can offer any of them. {@code odop_current_period{period}} is 1 for the periods an event counts in
 * now (all, the current fiscal year, quarter and month): {@code and on(period) odop_current_period} keeps those.
 * Only per-product rows are exported, so summing over products gives the district total and summing over instances
 * is correct. Money is in rupees, or dollars for {@code odop_export_value_usd} (a float in Prometheus; the exact
 * figures are in the REST API).
 */
public final class BusinessGauges implements Runnable {
    private record Gauge(String store, Measure measure, MultiGauge meter) {}

    private final LocalStores stores;
    private final Clock clock;
    private final List<Gauge> gauges = new ArrayList<>();
    private final MultiGauge currentPeriods;

    /** One gauge per measure of the catalogue that names one, read from its family's store. */
    public BusinessGauges(MeterRegistry registry, LocalStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
        for (Measure m : MeasureCatalog.ALL) {
            if (m.gauge() == null) continue;
            String store = MeasureStoreNames.of(Dimension.PRODUCT).stream()
                    .filter(s -> MeasureStoreNames.FAMILY.get(s).equals(m.family())).findFirst().orElseThrow();
            gauges.add(new Gauge(store, m, MultiGauge.builder(m.gauge()).description(m.help()).register(registry)));
        }
        currentPeriods = MultiGauge.builder("odop.current.period")
                .description("1 for each period an event counts in now: all, the current fiscal year, quarter and IST month")
                .register(registry);
    }

    /** Money in rupees or dollars (a float: Prometheus has no exact decimals; the REST API has the exact figures). */
    private static double value(Measures row, Measure m) {
        long v = MeasureRows.get(row, m);
        return m.unit().isMoney() ? v / 100.0 : v;
    }

    @Override
    public void run() {
        Map<String, String> stateOf = new HashMap<>();
        Map<String, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        for (String store : MeasureStoreNames.of(Dimension.PRODUCT)) {
            List<Gauge> ofStore = gauges.stream().filter(g -> g.store().equals(store)).toList();
            // Every period the store holds: a dashboard offers each (the keys lead with the period).
            stores.<Measures>forEach(store, null, (key, m) -> {
                MeasureKeys.Parts k = MeasureKeys.parse(key);
                if (k.isTotal()) return;
                String state = stateOf.computeIfAbsent(k.district(),
                        d -> stores.district(d).map(District::getStateCode).orElse("unknown"));
                Tags tags = Tags.of("state", state, "district", k.district(), "product", k.product(), "period", k.period());
                for (Gauge g : ofStore) {
                    rows.computeIfAbsent(g.measure().gauge(), n -> new ArrayList<>())
                            .add(MultiGauge.Row.of(tags, value(m, g.measure())));
                }
            });
        }
        for (Gauge g : gauges) g.meter().register(rows.getOrDefault(g.measure().gauge(), List.of()), true);
        currentPeriods.register(Periods.of(clock.instant()).stream()
                .<MultiGauge.Row<?>>map(p -> MultiGauge.Row.of(Tags.of("period", p), 1)).toList(), true);
    }
}
