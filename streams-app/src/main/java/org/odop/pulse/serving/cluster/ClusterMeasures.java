package org.odop.pulse.serving.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.serving.MeasureStoreNames;
import org.odop.pulse.serving.MeasuresSource;
import org.odop.pulse.serving.PeriodRows;
import org.odop.pulse.serving.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from whichever instances own the data. Every query names the store partitions it needs (one
 * partition per store for a district, all of them for a period), gathers them from the active owners,
 * falls back to up-to-date standby replicas for any that are missing (a rebalance), and refuses with
 * 503 rather than give a partial answer. One instance alone is the same code with one host.
 */
public final class ClusterMeasures implements MeasuresSource {
    private static final Logger log = LoggerFactory.getLogger(ClusterMeasures.class);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalPartitionReader local;
    private final RemoteInstances remote;
    private final Map<String, Integer> partitionsPerStore;

    public ClusterMeasures(KafkaStreams streams, HostInfo self, LocalPartitionReader local, RemoteInstances remote,
                           Map<String, Integer> partitionsPerStore) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.remote = remote;
        this.partitionsPerStore = partitionsPerStore;
    }

    @Override
    public PeriodRows district(String districtCode, String period) {
        byte[] key = districtCode.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<String> wanted = new ArrayList<>();
        // The partition Kafka's default partitioner gives a key: where every event of this district went.
        partitionsPerStore.forEach((store, n) -> wanted.add(StorePartition.of(store, Utils.toPositive(Utils.murmur2(key)) % n)));
        return gather(wanted, period, districtCode);
    }

    @Override
    public PeriodRows period(String period) {
        List<String> wanted = new ArrayList<>();
        partitionsPerStore.forEach((store, n) -> {
            for (int p = 0; p < n; p++) wanted.add(StorePartition.of(store, p));
        });
        return gather(wanted, period, null);
    }

    private PeriodRows gather(List<String> wanted, String period, String district) {
        Map<String, List<PartitionRows.Row>> byPartition = new HashMap<>();
        collect(wanted, period, district, false, byPartition);
        List<String> missing = wanted.stream().filter(sp -> !byPartition.containsKey(sp)).toList();
        if (!missing.isEmpty()) collect(missing, period, district, true, byPartition);
        List<String> stillMissing = wanted.stream().filter(sp -> !byPartition.containsKey(sp)).toList();
        if (!stillMissing.isEmpty()) {
            throw new StoreUnavailableException("not every store partition can answer now (rebalancing?): "
                    + stillMissing, null);
        }
        PeriodRows rows = PeriodRows.empty(period);
        byPartition.values().forEach(list -> list.forEach(r -> rows.add(r.district(), r.product(), toMeasures(r))));
        return rows;
    }

    /** Asks every instance at once; the first answer for each store partition wins. */
    private void collect(List<String> wanted, String period, String district, boolean standby,
                         Map<String, List<PartitionRows.Row>> byPartition) {
        Map<HostInfo, CompletableFuture<PartitionRows>> answers = new HashMap<>();
        for (HostInfo host : hosts()) {
            answers.put(host, host.equals(self)
                    ? CompletableFuture.completedFuture(local.read(wanted, period, district, standby))
                    : remote.rows(host, wanted, period, district, standby));
        }
        answers.forEach((host, future) -> {
            try {
                PartitionRows answer = future.join();
                Map<String, List<PartitionRows.Row>> rows = answer.rows().stream()
                        .collect(Collectors.groupingBy(PartitionRows.Row::storePartition));
                for (String sp : answer.served()) {
                    if (!byPartition.containsKey(sp)) byPartition.put(sp, rows.getOrDefault(sp, List.of()));
                }
            } catch (RuntimeException e) {
                log.warn("Instance {} did not answer: {}", host, e.getMessage());
            }
        });
    }

    private Set<HostInfo> hosts() {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        hosts.add(self);
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) hosts.add(m.hostInfo());
        return hosts;
    }

    private static Measures toMeasures(PartitionRows.Row r) {
        return new Measures(r.loiCount(), r.loiValuePaise(), r.exportShipments(), r.exportValuePaise(),
                r.loiLinkedExportValuePaise(), r.ecommerceOrders(), r.ecommerceGmvPaise());
    }

    /** Partitions of each measure store: those of the topic it is built from. */
    public static Map<String, Integer> partitionsPerStore(Map<String, Integer> partitionsPerTopic) {
        Map<String, Integer> m = new HashMap<>();
        MeasureStoreNames.SOURCE_TOPIC.forEach((store, topic) -> m.put(store, partitionsPerTopic.get(topic)));
        return m;
    }
}
