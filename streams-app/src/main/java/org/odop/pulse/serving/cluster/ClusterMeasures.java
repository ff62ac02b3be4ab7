package org.odop.pulse.serving.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.utils.Utils;
import org.odop.pulse.domain.Dimension;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.store.MeasureStoreNames;
import org.odop.pulse.serving.MeasuresSource;
import org.odop.pulse.serving.PeriodRows;

/**
 * Measure rows from whichever instances own them: a district query needs the district's partition of
 * each measure store, a period query (state views, rankings) every partition.
 */
public final class ClusterMeasures implements MeasuresSource {
    private final PartitionGatherer gatherer;
    private final LocalPartitionReader local;
    private final RemoteInstances remote;
    private final Map<String, Integer> partitionsPerStore;

    public ClusterMeasures(PartitionGatherer gatherer, LocalPartitionReader local, RemoteInstances remote,
                           Map<String, Integer> partitionsPerStore) {
        this.gatherer = gatherer;
        this.local = local;
        this.remote = remote;
        this.partitionsPerStore = partitionsPerStore;
    }

    @Override
    public PeriodRows district(Dimension dimension, String districtCode, String period) {
        byte[] key = districtCode.getBytes(StandardCharsets.UTF_8);
        List<String> wanted = new ArrayList<>();
        // The partition Kafka's default partitioner gives a key: where every event of this district went.
        for (String store : MeasureStoreNames.of(dimension)) {
            wanted.add(StorePartition.of(store, Utils.toPositive(Utils.murmur2(key)) % partitionsPerStore.get(store)));
        }
        return gather(wanted, period, districtCode);
    }

    @Override
    public PeriodRows period(Dimension dimension, String period) {
        List<String> wanted = new ArrayList<>();
        for (String store : MeasureStoreNames.of(dimension)) {
            wanted.addAll(PartitionGatherer.allPartitions(store, partitionsPerStore.get(store)));
        }
        return gather(wanted, period, null);
    }

    private PeriodRows gather(List<String> wanted, String period, String district) {
        PartitionGatherer.Source<PartitionRows.Row> source = (host, self, want, standby) -> {
            CompletableFuture<PartitionRows> answer = self
                    ? CompletableFuture.completedFuture(local.read(want, period, district, standby))
                    : remote.rows(host, want, period, district, standby);
            return answer.thenApply(r -> new PartitionGatherer.Answer<>(r.served(), r.rows()));
        };
        PeriodRows rows = PeriodRows.empty(period);
        for (PartitionRows.Row r : gatherer.gather(wanted, source, PartitionRows.Row::storePartition)) {
            rows.add(r.district(), r.product(), MeasureRows.fromNames(r.values()));
        }
        return rows;
    }

    /** Partitions of each measure store: those of the topic it is built from. */
    public static Map<String, Integer> partitionsPerStore(Map<String, Integer> partitionsPerTopic) {
        Map<String, Integer> m = new HashMap<>();
        MeasureStoreNames.SOURCE_TOPIC.forEach((store, topic) -> m.put(store, partitionsPerTopic.get(topic)));
        return m;
    }
}
