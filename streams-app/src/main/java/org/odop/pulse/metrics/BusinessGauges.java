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
import org.odop.pulse.serving.LocalStores;
import org.odop.pulse.serving.MeasureStoreNames;
import org.odop.pulse.topology.common.MeasureKeys;
import org.odop.pulse.topology.common.Periods;
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
    private record Gauge(String store, String name, MultiGauge meter, ToDoubleFunction<Measures> value) {}

    private final LocalStores stores;
    private final Clock clock;
    private final List<Gauge> gauges;

    public BusinessGauges(MeterRegistry registry, LocalStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
        this.gauges = List.of(
                gauge(registry, LoiTopology.STORE, "odop.loi.value.inr", "Value of letters of intent signed, rupees",
                        m -> m.getLoiValuePaise() / 100.0),
                gauge(registry, LoiTopology.STORE, "odop.loi.count", "Letters of intent signed",
                        m -> m.getLoiCount()),
                gauge(registry, ShipmentTopology.MEASURES_STORE, "odop.export.value.inr",
                        "Value of shipments exported (customs cleared or later), rupees", m -> m.getExportValuePaise() / 100.0),
                gauge(registry, ShipmentTopology.MEASURES_STORE, "odop.export.shipments",
                        "Shipments exported (customs cleared or later)", m -> m.getExportShipments()),
                gauge(registry, EcommerceTopology.STORE, "odop.ecommerce.gmv.inr",
                        "E-commerce gross merchandise value net of cancellations and returns, rupees",
                        m -> m.getEcommerceGmvPaise() / 100.0),
                gauge(registry, EcommerceTopology.STORE, "odop.ecommerce.orders",
                        "E-commerce orders net of cancellations and returns", m -> m.getEcommerceOrders()));
    }

    private static Gauge gauge(MeterRegistry registry, String store, String name, String help,
                               ToDoubleFunction<Measures> value) {
        return new Gauge(store, name, MultiGauge.builder(name).description(help).register(registry), value);
    }

    @Override
    public void run() {
        var now = clock.instant();
        List<String> periods = List.of(Periods.ALL, Periods.currentFiscalYear(now), Periods.currentQuarter(now),
                Periods.currentMonth(now));
        Map<String, String> stateOf = new HashMap<>();
        Map<String, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        for (String store : MeasureStoreNames.ALL) {
            List<Gauge> ofStore = gauges.stream().filter(g -> g.store().equals(store)).toList();
            // Keys lead with the period: read only the four exported periods, not every month of history.
            for (String period : periods) stores.<Measures>forEach(store, MeasureKeys.periodPrefix(period), (key, m) -> {
                MeasureKeys.Parts k = MeasureKeys.parse(key);
                if (k.isTotal()) return;
                String state = stateOf.computeIfAbsent(k.district(),
                        d -> stores.district(d).map(District::getStateCode).orElse("unknown"));
                Tags tags = Tags.of("state", state, "district", k.district(), "product", k.product(), "period", k.period());
                for (Gauge g : ofStore) {
                    rows.computeIfAbsent(g.name(), n -> new ArrayList<>())
                            .add(MultiGauge.Row.of(tags, g.value().applyAsDouble(m)));
                }
            });
        }
        for (Gauge g : gauges) g.meter().register(rows.getOrDefault(g.name(), List.of()), true);
    }
}
