package org.odop.pulse.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.odop.pulse.avro.District;

/**
 * odop_district_info{district,state,name,state_name,latitude,longitude} 1: the reference districts as labels, for
 * joins ({@code * on(district) group_left(name, latitude, longitude)}) and maps. A district without coordinates has
 * them empty. Every instance reads the same reference data: take {@code max by (...)} across instances.
 */
public final class DistrictInfoGauges implements Runnable {
    private final Supplier<List<District>> districts;
    private final MultiGauge info;

    public DistrictInfoGauges(MeterRegistry registry, Supplier<List<District>> districts) {
        this.districts = districts;
        this.info = MultiGauge.builder("odop.district.info")
                .description("1 for each district of the reference data; its name, state and coordinates are labels")
                .register(registry);
    }

    @Override
    public void run() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (District d : districts.get()) {
            rows.add(MultiGauge.Row.of(Tags.of("district", d.getDistrictCode(), "state", d.getStateCode(),
                    "name", d.getName(), "state_name", d.getStateName(),
                    "latitude", d.getLatitude() == null ? "" : Double.toString(d.getLatitude()),
                    "longitude", d.getLongitude() == null ? "" : Double.toString(d.getLongitude())), 1));
        }
        info.register(rows, true);
    }
}
