package org.odop.pulse.serving.cluster;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.topology.common.MeasureKeys;

/**
 * Reads this instance's measure store partitions one by one, so an answer says exactly which
 * partitions it covers. Active partitions are read by default; standby replicas only when asked for
 * (during a rebalance) and only while they lag their changelog by at most {@code maxStandbyLag} records.
 */
public final class LocalPartitionReader {
    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final long maxStandbyLag;

    public LocalPartitionReader(KafkaStreams streams, long maxStandbyLag) {
        this.streams = streams;
        this.maxStandbyLag = maxStandbyLag;
    }

    /**
     * @param wanted   store partitions to read ({@code store:partition})
     * @param standby  also read up-to-date standby replicas, not only active ones
     * @param district one district's rows, or null for every district of the period
     */
    public PartitionRows read(Collection<String> wanted, String period, String district, boolean standby) {
        PartitionRows out = PartitionRows.empty();
        Map<String, Map<Integer, LagInfo>> lags = standby ? streams.allLocalStorePartitionLags() : Map.of();
        String prefix = district == null ? MeasureKeys.periodPrefix(period) : MeasureKeys.prefix(district, period);
        for (String sp : wanted) {
            String store = StorePartition.store(sp);
            int partition = StorePartition.partition(sp);
            var params = StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Measures>keyValueStore())
                    .withPartition(partition);
            if (standby) {
                LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
                if (lag == null || lag.offsetLag() > maxStandbyLag) continue;
                params = params.enableStaleStores();
            }
            try {
                ReadOnlyKeyValueStore<String, Measures> s = streams.store(params);
                var rows = new java.util.ArrayList<PartitionRows.Row>();
                try (var it = s.prefixScan(prefix, KEYS)) {
                    it.forEachRemaining(kv -> {
                        MeasureKeys.Parts k = MeasureKeys.parse(kv.key);
                        Measures m = kv.value;
                        rows.add(new PartitionRows.Row(store, partition, k.district(), k.product(),
                                m.getLoiCount(), m.getLoiValuePaise(), m.getExportShipments(), m.getExportValuePaise(),
                                m.getLoiLinkedExportValuePaise(), m.getEcommerceOrders(), m.getEcommerceGmvPaise()));
                    });
                }
                out.rows().addAll(rows);
                out.served().add(sp);
            } catch (InvalidStateStoreException notHereOrNotReady) {
                // Not hosted here (or restoring): another instance answers for it, or the caller reports 503.
            }
        }
        return out;
    }
}
