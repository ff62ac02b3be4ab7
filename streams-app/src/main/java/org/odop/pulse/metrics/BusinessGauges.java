package org.odop.pulse.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odop.pulse.avro.District;
import org.odop.pulse.serving.LocalStores;
import org.odop.pulse.topology.common.MeasureKeys;
import org.odop.pulse.topology.common.Periods;
import org.odop.pulse.topology.loi.LoiTopology;

/**
 * Business gauges read from this instance's stores at scrape time, one series per state, district,
 * product and period (all, the current fiscal year, the current month). Only per-product rows are
 * exported, so summing over products gives the district total and summing over instances is correct.
 */
public final class BusinessGauges implements Runnable {
    private final LocalStores stores;
    private final Clock clock;
    private final MultiGauge loiValue;
    private final MultiGauge loiCount;

    public BusinessGauges(MeterRegistry registry, LocalStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
        loiValue = MultiGauge.builder("odop.loi.value.inr")
                .description("Value of letters of intent signed, in rupees").register(registry);
        loiCount = MultiGauge.builder("odop.loi.count")
                .description("Number of letters of intent signed").register(registry);
    }

    @Override
    public void run() {
        var now = clock.instant();
        Set<String> periods = Set.of(Periods.ALL, Periods.currentFiscalYear(now), Periods.currentMonth(now));
        Map<String, String> stateOf = new HashMap<>();
        List<MultiGauge.Row<?>> values = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        stores.forEach(LoiTopology.STORE, (key, m) -> {
            MeasureKeys.Parts k = MeasureKeys.parse(key);
            if (k.isTotal() || !periods.contains(k.period())) return;
            String state = stateOf.computeIfAbsent(k.district(),
                    d -> stores.district(d).map(District::getStateCode).orElse("unknown"));
            Tags tags = Tags.of("state", state, "district", k.district(), "product", k.product(), "period", k.period());
            values.add(MultiGauge.Row.of(tags, m.getLoiValuePaise() / 100.0));
            counts.add(MultiGauge.Row.of(tags, (double) m.getLoiCount()));
        });
        loiValue.register(values, true);
        loiCount.register(counts, true);
    }

}
