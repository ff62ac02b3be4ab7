package org.odop.pulse.serving;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** Builds {@link OperationsView}: from Kafka Streams' own state, metadata and consumer metrics, and {@link LiveTopics}. */
public final class OperationsService {
    private final KafkaStreams streams;
    private final String self;
    private final StalledShipmentService stalled;
    private final LiveTopics live;

    public OperationsService(KafkaStreams streams, String self, StalledShipmentService stalled, LiveTopics live) {
        this.streams = streams;
        this.self = self;
        this.stalled = stalled;
        this.live = live;
    }

    public OperationsView operations() {
        TreeSet<String> instances = new TreeSet<>();
        instances.add(self);
        streams.metadataForAllStreamsClients().forEach(m -> instances.add(m.hostInfo().host() + ":" + m.hostInfo().port()));
        Map<String, Long> byReason = live.deadLettersByReason();
        List<OperationsView.ReasonCount> reasons = byReason.entrySet().stream()
                .map(e -> new OperationsView.ReasonCount(e.getKey(), e.getValue())).toList();
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        return new OperationsView(self, streams.state().name(), List.copyOf(instances), consumerLag(streams.metrics()),
                new OperationsView.DeadLetters(total, reasons), stalled.stalled(null, null).size());
    }

    /**
     * The records this instance's stream threads have still to read: the sum of the main consumers' per-partition
     * {@code records-lag} (restore consumers left out; a partition not fetched yet counts nothing).
     */
    static long consumerLag(Map<MetricName, ? extends Metric> metrics) {
        long lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (!n.name().equals("records-lag") || !n.group().equals("consumer-fetch-manager-metrics")
                    || !n.tags().containsKey("partition")) continue;
            String client = n.tags().getOrDefault("client-id", "");
            if (client.endsWith("-restore-consumer") || client.endsWith("-global-consumer")) continue;
            if (e.getValue().metricValue() instanceof Number v && !Double.isNaN(v.doubleValue())) lag += v.longValue();
        }
        return lag;
    }
}
