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
import org.odop.pulse.serving.LocalStores;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.serving.MeasureStoreNames;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/**
 * Business gauges read from this instance's stores at scrape time, one series per state, district,
 * product and period (all, the current fiscal year, the current fiscal quarter, the current IST month). Only per-product rows are
 * exported, so summing over products gives the district total and summing over instances is correct.
 * Money is in rupees (a float in Prometheus; the exact figures are in the REST API).
 */
public final class BusinessGauges implements Runnable {
    private record Gauge(String store, Measure measure, MultiGauge meter) {}

    private final LocalStores stores;
    private final Clock clock;
    private final List<Gauge> gauges = new ArrayList<>();

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
    }

    /** Money in rupees (a float: Prometheus has no exact decimals; the REST API has the exact figures). */
    private static double value(Measures row, Measure m) {
        long v = MeasureRows.get(row, m);
        return m.unit().isMoney() ? v / 100.0 : v;
    }

    @Override
    public void run() {
        var now = clock.instant();
        List<String> periods = List.of(Periods.ALL, Periods.currentFiscalYear(now), Periods.currentQuarter(now),
                Periods.currentMonth(now));
        Map<String, String> stateOf = new HashMap<>();
        Map<String, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        for (String store : MeasureStoreNames.of(Dimension.PRODUCT)) {
            List<Gauge> ofStore = gauges.stream().filter(g -> g.store().equals(store)).toList();
            // Keys lead with the period: read only the four exported periods, not every month of history.
            for (String period : periods) stores.<Measures>forEach(store, MeasureKeys.periodPrefix(period), (key, m) -> {
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
    }
}
