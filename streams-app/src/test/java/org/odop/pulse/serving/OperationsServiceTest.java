package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class OperationsServiceTest {

    private static Metric value(Object v) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return v;
            }
        };
    }

    private static MetricName lag(String client, String partition) {
        Map<String, String> tags = new HashMap<>(Map.of("client-id", client, "topic", "odop.lois.v1"));
        if (partition != null) tags.put("partition", partition);
        return new MetricName("records-lag", "consumer-fetch-manager-metrics", "", tags);
    }

    @Test
    void consumerLagSumsTheMainConsumersPartitionsOnly() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        metrics.put(lag("app-StreamThread-1-consumer", "0"), value(120.0));
        metrics.put(lag("app-StreamThread-1-consumer", "1"), value(30.0));
        metrics.put(lag("app-StreamThread-2-consumer", "2"), value(Double.NaN)); // not fetched yet
        metrics.put(lag("app-StreamThread-1-restore-consumer", "0"), value(9_000.0));
        metrics.put(lag("app-StreamThread-1-consumer", null), value(150.0)); // a topic-level figure, not a partition
        metrics.put(new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "app-StreamThread-1-consumer", "partition", "0")), value(500.0));
        assertThat(OperationsService.consumerLag(metrics)).isEqualTo(150);
        assertThat(OperationsService.consumerLag(Map.of())).isZero();
    }
}
