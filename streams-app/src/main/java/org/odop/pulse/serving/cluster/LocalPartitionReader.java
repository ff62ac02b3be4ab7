package org.odop.pulse.serving.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.topology.common.MeasureKeys;

/**
 * Reads this instance's store partitions one by one, so an answer says exactly which partitions it
 * covers. Active partitions are read by default; standby replicas only when asked for (during a
 * rebalance) and only while they lag their changelog by at most {@code maxStandbyLag} records.
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
     * Measure rows of one period.
     *
     * @param wanted   store partitions to read ({@code store:partition})
     * @param standby  also read up-to-date standby replicas, not only active ones
     * @param district one district's rows, or null for every district of the period
     */
    public PartitionRows read(Collection<String> wanted, String period, String district, boolean standby) {
        PartitionRows out = PartitionRows.empty();
        String prefix = district == null ? MeasureKeys.periodPrefix(period) : MeasureKeys.prefix(district, period);
        this.<Measures>eachPartition(wanted, standby, (sp, store) -> {
            try (var it = store.prefixScan(prefix, KEYS)) {
                it.forEachRemaining(kv -> {
                    MeasureKeys.Parts k = MeasureKeys.parse(kv.key);
                    Measures m = kv.value;
                    out.rows().add(new PartitionRows.Row(StorePartition.store(sp), StorePartition.partition(sp),
                            k.district(), k.product(), m.getLoiCount(), m.getLoiValuePaise(), m.getExportShipments(),
                            m.getExportValuePaise(), m.getLoiLinkedExportValuePaise(), m.getEcommerceOrders(),
                            m.getEcommerceGmvPaise()));
                });
            }
            out.served().add(sp);
        });
        return out;
    }

    /** Stalled shipments in the wanted partitions of the open-shipments store. */
    public StalledRows stalled(Collection<String> wanted, boolean standby) {
        StalledRows out = new StalledRows(new ArrayList<>(), new ArrayList<>());
        this.<OpenShipment>eachPartition(wanted, standby, (sp, store) -> {
            try (var it = store.all()) {
                it.forEachRemaining(kv -> {
                    OpenShipment s = kv.value;
                    if (s.getStalled()) {
                        out.rows().add(new StalledRows.Row(sp, s.getShipmentId(), s.getDistrictCode(), s.getProductCode(),
                                s.getStage(), s.getSince().toEpochMilli()));
                    }
                });
            }
            out.served().add(sp);
        });
        return out;
    }

    /** Calls {@code action} with each wanted partition's store that this instance can answer for now. */
    private <V> void eachPartition(Collection<String> wanted, boolean standby,
                                   BiConsumer<String, ReadOnlyKeyValueStore<String, V>> action) {
        Map<String, Map<Integer, LagInfo>> lags = standby ? streams.allLocalStorePartitionLags() : Map.of();
        for (String sp : wanted) {
            String store = StorePartition.store(sp);
            int partition = StorePartition.partition(sp);
            var params = StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                    .withPartition(partition);
            if (standby) {
                LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
                if (lag == null || lag.offsetLag() > maxStandbyLag) continue;
                params = params.enableStaleStores();
            }
            try {
                action.accept(sp, streams.store(params));
            } catch (InvalidStateStoreException notHereOrNotReady) {
                // Not hosted here (or restoring): another instance answers for it, or the caller reports 503.
            }
        }
    }

    /** Every wanted partition read, in a form other instances can be sent. */
    public static List<String> split(String wanted) {
        return List.of(wanted.split(","));
    }
}
