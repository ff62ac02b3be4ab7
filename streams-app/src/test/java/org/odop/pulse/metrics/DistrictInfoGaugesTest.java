package org.odop.pulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;

class DistrictInfoGaugesTest {
    @Test
    @DisplayName("odop_district_info has one series per reference district, coordinates as labels (empty when unknown), and follows the reference data")
    void oneSeriesPerDistrict() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<District> districts = new ArrayList<>(List.of(
                District.newBuilder().setDistrictCode("JK-SRINAGAR").setName("Srinagar").setStateCode("JK")
                        .setStateName("Jammu and Kashmir").setLatitude(34.08).setLongitude(74.8).build(),
                District.newBuilder().setDistrictCode("UP-NEW").setName("New").setStateCode("UP")
                        .setStateName("Uttar Pradesh").build()));
        DistrictInfoGauges gauges = new DistrictInfoGauges(registry, () -> districts);
        gauges.run();
        assertThat(registry.scrape()).contains(
                "odop_district_info{district=\"JK-SRINAGAR\",latitude=\"34.08\",longitude=\"74.8\",name=\"Srinagar\","
                        + "state=\"JK\",state_name=\"Jammu and Kashmir\"} 1\n",
                "odop_district_info{district=\"UP-NEW\",latitude=\"\",longitude=\"\",name=\"New\",state=\"UP\","
                        + "state_name=\"Uttar Pradesh\"} 1\n");

        districts.remove(1);
        gauges.run();
        assertThat(registry.scrape()).contains("district=\"JK-SRINAGAR\"").doesNotContain("UP-NEW");
    }
}
